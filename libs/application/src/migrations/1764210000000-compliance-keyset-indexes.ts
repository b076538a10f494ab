import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for the compliance lists and exports, which page newest first by (instant, id) across every platform:
 * without them each page sorts the whole table (a 100,000-sanction export took minutes on SQLite).
 */
const INDEXES: Array<[table: string, name: string, columns: string[]]> = [
  ['sanctions', 'ix_sanctions_issued', ['issued_at', 'id']],
  ['flags', 'ix_flags_opened', ['opened_at', 'id']],
  ['review_decisions', 'ix_review_decisions_decided', ['decided_at', 'id']],
];

export class ComplianceKeysetIndexes1764210000000 implements MigrationInterface {
  name = 'ComplianceKeysetIndexes1764210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES)
      await queryRunner.createIndex(table, new TableIndex({ name, columnNames }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name] of INDEXES) await queryRunner.dropIndex(table, name);
  }
}
