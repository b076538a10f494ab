import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Live streams pulled by URL: the source, its state, its sampling tier, and the lease that gives it to one worker;
 * a pulled piece keeps the interval it is to be sampled at.
 */
export class StreamSources1764300000000 implements MigrationInterface {
  name = 'StreamSources1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'stream_sources',
        columns: [
          { name: 'stream_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'platform_id', type: 'varchar', length: '36' },
          { name: 'url', type: 'varchar', length: '2048' },
          { name: 'protocol', type: 'varchar', length: '8' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'lease_owner', type: 'varchar', length: '128', isNullable: true },
          { name: 'lease_until', type: 'bigint', isNullable: true },
          { name: 'last_sequence', type: 'bigint', isNullable: true },
          { name: 'offset_ms', type: 'bigint' },
          { name: 'pieces_pulled', type: 'integer' },
          { name: 'last_piece_at', type: 'bigint', isNullable: true },
          { name: 'failures', type: 'integer' },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'sampling_tier', type: 'varchar', length: '16', isNullable: true },
          { name: 'sample_interval_ms', type: 'integer', isNullable: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
          { name: 'ended_at', type: 'bigint', isNullable: true },
        ],
      }),
    );
    await queryRunner.addColumn(
      'segments',
      new TableColumn({ name: 'sample_interval_ms', type: 'integer', isNullable: true }),
    );
    await queryRunner.createIndex(
      'stream_sources',
      new TableIndex({ name: 'ix_stream_sources_state_lease', columnNames: ['state', 'lease_until'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('segments', 'sample_interval_ms');
    await queryRunner.dropTable('stream_sources');
  }
}
