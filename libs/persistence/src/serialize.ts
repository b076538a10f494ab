import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';

/**
 * Serialises the transactions that take the same lock until they commit: sequences assigned under it (audit
 * chain, a platform's sanction feed) follow commit order, so a reader paging by sequence never skips a row that
 * commits late. PostgreSQL: a transaction-scoped advisory lock. SQLite has one writer at a time already.
 */
export async function lockForTransaction(manager: EntityManager, name: string): Promise<void> {
  if (manager.connection.options.type !== 'postgres') return;
  const key = createHash('sha256').update(name).digest().readBigInt64BE(0);
  await manager.query('SELECT pg_advisory_xact_lock($1)', [key.toString()]);
}

/** Whether an error is a unique-key violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
