import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumn,
  TableColumnOptions,
  TableIndex,
  TableIndexOptions,
} from 'typeorm';

// The schema API, as in the first migration, so this one serves SQLite and PostgreSQL alike.
const id = (name = 'id', nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary: name === 'id',
  isNullable: nullable,
});
const text = (
  name: string,
  length: number,
  nullable = false,
  extra: Partial<TableColumnOptions> = {},
): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, ...extra });
const big = (name: string, nullable = false, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'bigint',
  isNullable: nullable,
  ...extra,
});
const int = (name: string, nullable = false, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
  ...extra,
});
const json = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const unique = (name: string, columnNames: string[]): TableIndexOptions => ({ name, columnNames, isUnique: true });
const index = (name: string, columnNames: string[]): TableIndexOptions => ({ name, columnNames });

/** Review state on flags, people, decisions, sanctions, appeals, the delivery outbox, webhooks and the audit log. */
export class ReviewSanctionsDeliveryAudit1764200000000 implements MigrationInterface {
  name = 'ReviewSanctionsDeliveryAudit1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('flags', [
      new TableColumn(text('review_state', 16, false, { default: "'pending'" })),
      new TableColumn(id('claimed_by', true)),
      new TableColumn(big('claim_expires_at', true)),
      new TableColumn({ name: 'priority', type: 'real', default: 0 }),
      new TableColumn(int('audience', false, { default: 0 })),
      new TableColumn(big('decided_at', true)),
    ]);
    await queryRunner.createIndex('flags', new TableIndex(index('ix_flags_review', ['status', 'review_state'])));
    await queryRunner.addColumn('accounts', new TableColumn(text('identity_key', 64, true)));
    await queryRunner.createIndex(
      'accounts',
      new TableIndex(index('ix_accounts_identity', ['platform_id', 'identity_key'])),
    );

    const tables: Array<{ name: string; columns: TableColumnOptions[]; indices?: TableIndexOptions[] }> = [
      {
        name: 'staff_users',
        columns: [
          id(),
          text('name', 100),
          text('role', 24),
          text('token_hash', 64),
          text('token_prefix', 16),
          big('created_at'),
        ],
        indices: [unique('uq_staff_users_name', ['name']), unique('uq_staff_users_token_hash', ['token_hash'])],
      },
      {
        name: 'review_decisions',
        columns: [
          id(),
          id('flag_id'),
          id('platform_id'),
          id('account_id'),
          id('reviewer_id'),
          text('reviewer_role', 24),
          text('verdict', 16),
          text('category', 16),
          text('reason_code', 64),
          text('note', 2000, false, { default: "''" }),
          text('policy_version', 64),
          json('model_versions'),
          big('decided_at'),
        ],
        indices: [
          index('ix_review_decisions_flag', ['flag_id', 'decided_at']),
          index('ix_review_decisions_platform', ['platform_id', 'decided_at']),
        ],
      },
      {
        name: 'sanctions',
        columns: [
          id(),
          id('platform_id'),
          id('account_id'),
          id('flag_id'),
          text('violation_key', 64),
          text('kind', 16),
          text('category', 16),
          text('action', 24),
          int('duration_days', true),
          int('strike_number', true),
          text('status', 16),
          text('reason_code', 64),
          { name: 'automated', type: 'boolean' },
          json('decided_by'),
          text('policy_version', 64),
          json('model_versions'),
          json('content_action', true),
          json('monetary_action', true),
          json('statement'),
          big('issued_at'),
          big('ends_at', true),
          big('ended_at', true),
          text('end_reason', 1000, true),
          big('flag_opened_at'),
        ],
        indices: [
          unique('uq_sanctions_violation', ['violation_key']),
          index('ix_sanctions_account', ['account_id', 'category', 'issued_at']),
          index('ix_sanctions_platform', ['platform_id', 'issued_at']),
          index('ix_sanctions_due', ['status', 'ends_at']),
        ],
      },
      {
        name: 'appeals',
        columns: [
          id(),
          id('platform_id'),
          id('sanction_id'),
          id('account_id'),
          text('statement', 5000),
          text('status', 16),
          id('decided_by', true),
          text('decision_note', 2000, true),
          big('created_at'),
          big('decided_at', true),
        ],
        indices: [unique('uq_appeals_sanction', ['sanction_id']), index('ix_appeals_status', ['status', 'created_at'])],
      },
      {
        name: 'outbox_events',
        columns: [
          id(),
          id('platform_id'),
          big('sequence'),
          text('type', 48),
          id('sanction_id'),
          { name: 'payload', type: 'text' },
          big('created_at'),
          text('status', 16),
          int('attempts', false, { default: 0 }),
          big('next_attempt_at'),
          big('lease_until', true),
          text('last_error', 1000, true),
          big('delivered_at', true),
        ],
        indices: [
          unique('uq_outbox_platform_sequence', ['platform_id', 'sequence']),
          index('ix_outbox_due', ['status', 'next_attempt_at']),
        ],
      },
      {
        name: 'webhook_endpoints',
        columns: [
          { ...id('platform_id'), isPrimary: true },
          text('url', 2048),
          id('secret_id'),
          big('created_at'),
          big('updated_at'),
        ],
      },
      {
        name: 'audit_entries',
        columns: [
          big('seq', false, { isPrimary: true }),
          big('recorded_at'),
          text('action', 48),
          text('actor_kind', 16),
          text('actor_id', 64),
          id('platform_id', true),
          text('subject_kind', 24),
          text('subject_id', 64),
          { name: 'data', type: 'text' },
          text('prev_hash', 64),
          text('hash', 64),
        ],
        indices: [
          index('ix_audit_entries_platform', ['platform_id', 'seq']),
          index('ix_audit_entries_subject', ['subject_kind', 'subject_id']),
        ],
      },
      {
        name: 'audit_checkpoints',
        columns: [
          big('seq', false, { isPrimary: true }),
          text('hash', 64),
          text('signature', 128),
          text('key_id', 16),
          big('created_at'),
        ],
      },
    ];
    for (const table of tables) await queryRunner.createTable(new Table(table));

    // The application only appends to the audit log; the database refuses anything else too.
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit log entries cannot be changed or deleted (%.%)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
      for (const table of ['audit_entries', 'audit_checkpoints']) {
        await queryRunner.query(
          `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`,
        );
        await queryRunner.query(
          `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`,
        );
      }
    } else {
      for (const table of ['audit_entries', 'audit_checkpoints']) {
        for (const operation of ['UPDATE', 'DELETE']) {
          await queryRunner.query(
            `CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table} BEGIN SELECT RAISE(ABORT, 'audit log entries cannot be changed or deleted'); END`,
          );
        }
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'audit_checkpoints',
      'audit_entries',
      'webhook_endpoints',
      'outbox_events',
      'appeals',
      'sanctions',
      'review_decisions',
      'staff_users',
    ]) {
      await queryRunner.dropTable(table, true);
    }
    if (queryRunner.connection.options.type === 'postgres')
      await queryRunner.query('DROP FUNCTION IF EXISTS audit_entries_append_only()');
    await queryRunner.dropIndex('accounts', 'ix_accounts_identity');
    await queryRunner.dropColumn('accounts', 'identity_key');
    await queryRunner.dropIndex('flags', 'ix_flags_review');
    for (const column of ['decided_at', 'audience', 'priority', 'claim_expires_at', 'claimed_by', 'review_state'])
      await queryRunner.dropColumn('flags', column);
  }
}
