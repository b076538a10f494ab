import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Signals learn which subject they concern and what they mean per category; flags gather them. */
export class SignalSubjectsAndFlags1764100000000 implements MigrationInterface {
  name = 'SignalSubjectsAndFlags1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('signals', [
      new TableColumn({ name: 'subject_kind', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn({ name: 'subject_id', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'categories', type: 'text', isNullable: true }),
      new TableColumn({ name: 'detail', type: 'text', isNullable: true }),
      new TableColumn({ name: 'stream_time_ms', type: 'bigint', isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'signals',
      new TableIndex({ name: 'ix_signals_subject', columnNames: ['subject_kind', 'subject_id', 'created_at'] }),
    );
    const id = (name: string, nullable = false) => ({
      name,
      type: 'varchar',
      length: '36',
      isNullable: nullable,
      isPrimary: name === 'id',
    });
    await queryRunner.createTable(
      new Table({
        name: 'flags',
        columns: [
          id('id'),
          id('platform_id'),
          { name: 'subject_kind', type: 'varchar', length: '16' },
          id('subject_id'),
          id('account_id'),
          { name: 'category', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'open_key', type: 'varchar', length: '100', isNullable: true },
          { name: 'confidence', type: 'real' },
          { name: 'evidence_count', type: 'integer' },
          { name: 'model_versions', type: 'text' },
          { name: 'policy_version', type: 'varchar', length: '64' },
          { name: 'opened_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
        ],
        indices: [
          { name: 'uq_flags_open_key', columnNames: ['open_key'], isUnique: true },
          { name: 'ix_flags_platform_status', columnNames: ['platform_id', 'status', 'opened_at'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'flag_evidence',
        columns: [
          id('id'),
          id('flag_id'),
          id('signal_id'),
          { name: 'source_kind', type: 'varchar', length: '16' },
          id('source_id'),
          { name: 'score', type: 'real' },
          { name: 'stream_time_ms', type: 'bigint', isNullable: true },
          { name: 'detail', type: 'text' },
          { name: 'model', type: 'varchar', length: '64' },
          { name: 'model_version', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [{ name: 'uq_flag_evidence_signal', columnNames: ['flag_id', 'signal_id'], isUnique: true }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('flag_evidence', true);
    await queryRunner.dropTable('flags', true);
    await queryRunner.dropIndex('signals', 'ix_signals_subject');
    for (const column of ['stream_time_ms', 'detail', 'categories', 'subject_id', 'subject_kind'])
      await queryRunner.dropColumn('signals', column);
  }
}
