import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Retention: when an item's media and a frame's JPEG were deleted, when the sweep looks at an item next, and the
 * lease that lets one worker sweep at a time.
 */
export class MediaRetention1764800000000 implements MigrationInterface {
  name = 'MediaRetention1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['segments', 'posts']) {
      await queryRunner.addColumns(table, [
        new TableColumn({ name: 'media_purged_at', type: 'bigint', isNullable: true }),
        new TableColumn({ name: 'retention_due_at', type: 'bigint', isNullable: true }),
      ]);
      await queryRunner.createIndex(
        table,
        new TableIndex({
          name: `ix_${table}_retention`,
          columnNames: ['media_purged_at', 'retention_due_at', 'finished_at'],
        }),
      );
    }
    await queryRunner.addColumn('frames', new TableColumn({ name: 'purged_at', type: 'bigint', isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: 'retention_leases',
        columns: [
          { name: 'name', type: 'varchar', length: '32', isPrimary: true },
          { name: 'owner', type: 'varchar', length: '128', isNullable: true },
          { name: 'lease_until', type: 'bigint', isNullable: true },
        ],
      }),
    );
    await queryRunner.query(`INSERT INTO retention_leases (name, owner, lease_until) VALUES ('media', NULL, NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('retention_leases');
    await queryRunner.dropColumn('frames', 'purged_at');
    for (const table of ['posts', 'segments']) {
      await queryRunner.dropIndex(table, `ix_${table}_retention`);
      await queryRunner.dropColumns(table, ['media_purged_at', 'retention_due_at']);
    }
  }
}
