import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** The worker processes that pull live streams, so the streams can be shared out evenly. */
export class LiveWorkers1764310000000 implements MigrationInterface {
  name = 'LiveWorkers1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'live_workers',
        columns: [
          { name: 'id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'capacity', type: 'integer' },
          { name: 'seen_until', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('live_workers');
  }
}
