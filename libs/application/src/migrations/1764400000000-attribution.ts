import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Attribution and one conduct, one strike: who produced each signal (and each piece of flag evidence), whose
 * conduct a flag is about and which flag settled it, which ladder a sanction climbs, and the entity bank.
 */
export class Attribution1764400000000 implements MigrationInterface {
  name = 'Attribution1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const actor = () => [
      new TableColumn({ name: 'actor_role', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn({ name: 'actor_account_id', type: 'varchar', length: '36', isNullable: true }),
    ];
    await queryRunner.addColumns('signals', actor());
    await queryRunner.createIndex(
      'signals',
      new TableIndex({ name: 'ix_signals_actor', columnNames: ['actor_account_id', 'created_at'] }),
    );
    await queryRunner.addColumns('flag_evidence', actor());
    await queryRunner.createIndex(
      'flag_evidence',
      new TableIndex({ name: 'ix_flag_evidence_signal', columnNames: ['signal_id'] }),
    );
    await queryRunner.addColumns('flags', [
      new TableColumn({ name: 'party', type: 'varchar', length: '16', default: "'creator'" }),
      new TableColumn({ name: 'linked_to', type: 'varchar', length: '36', isNullable: true }),
    ]);
    await queryRunner.addColumn(
      'sanctions',
      new TableColumn({ name: 'ladder', type: 'varchar', length: '16', default: "'creator'" }),
    );
    await queryRunner.createIndex('sanctions', new TableIndex({ name: 'ix_sanctions_flag', columnNames: ['flag_id'] }));
    // A cluster's sanctions are keyed `<flag id>:<member account id>`: 73 characters.
    await this.resizeViolationKey(queryRunner, 100);
    await queryRunner.createTable(
      new Table({
        name: 'bank_entries',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'platform_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'value', type: 'varchar', length: '500' },
          { name: 'category', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '1000' },
          { name: 'source_flag_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'added_by', type: 'varchar', length: '36' },
          { name: 'added_at', type: 'bigint' },
          { name: 'active_key', type: 'varchar', length: '520', isNullable: true },
          { name: 'removed_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'removed_at', type: 'bigint', isNullable: true },
          { name: 'removal_reason', type: 'varchar', length: '1000', isNullable: true },
        ],
        indices: [
          { name: 'uq_bank_entries_active', columnNames: ['platform_id', 'active_key'], isUnique: true },
          { name: 'ix_bank_entries_lookup', columnNames: ['platform_id', 'value'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('bank_entries');
    await this.resizeViolationKey(queryRunner, 64);
    await queryRunner.dropIndex('sanctions', 'ix_sanctions_flag');
    await queryRunner.dropColumn('sanctions', 'ladder');
    await queryRunner.dropColumns('flags', ['party', 'linked_to']);
    await queryRunner.dropIndex('flag_evidence', 'ix_flag_evidence_signal');
    await queryRunner.dropColumns('flag_evidence', ['actor_role', 'actor_account_id']);
    await queryRunner.dropIndex('signals', 'ix_signals_actor');
    await queryRunner.dropColumns('signals', ['actor_role', 'actor_account_id']);
  }

  /**
   * PostgreSQL widens the column in place (TypeORM's changeColumn would drop and re-add it, losing its rows and
   * its unique index); SQLite does not enforce lengths, and changeColumn rebuilds the table with its rows.
   */
  private async resizeViolationKey(queryRunner: QueryRunner, length: number): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres')
      await queryRunner.query(`ALTER TABLE "sanctions" ALTER COLUMN "violation_key" TYPE varchar(${length})`);
    else
      await queryRunner.changeColumn(
        'sanctions',
        'violation_key',
        new TableColumn({ name: 'violation_key', type: 'varchar', length: String(length) }),
      );
  }
}
