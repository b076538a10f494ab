import { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, DataSourceOptions } from 'typeorm';

type Run = (...args: unknown[]) => Promise<unknown>;

/**
 * better-sqlite3 gives TypeORM one connection and one query runner for everything. Left alone, two transactions
 * started at once interleave on it (the second becomes a savepoint inside the first, or fails with "cannot start
 * a transaction within a transaction"), and a plain statement issued while a transaction waits between steps runs
 * inside it, and is rolled back with it. So on SQLite this puts transactions and every statement outside them in
 * one line: a transaction runs alone from BEGIN to COMMIT; statements from inside it (same async context) run at
 * once, so nesting cannot deadlock.
 */
export function serializeSqliteTransactions(dataSource: DataSource): DataSource {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource;
  const inside = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  const inLine = (work: () => Promise<unknown>) => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as Run;
  (manager as { transaction: unknown }).transaction = (...args: unknown[]) =>
    inside.getStore() ? transaction(...args) : inLine(() => inside.run(true, () => transaction(...args)));
  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as Run;
  (runner as { query: unknown }).query = (...args: unknown[]) =>
    inside.getStore() ? query(...args) : inLine(() => query(...args));
  return dataSource;
}

/** The TypeORM root module for a data source, with SQLite transactions serialised. */
export function typeOrmRoot(options: DataSourceOptions): DynamicModule {
  return TypeOrmModule.forRootAsync({
    useFactory: () => options,
    dataSourceFactory: async (resolved) => serializeSqliteTransactions(await new DataSource(resolved!).initialize()),
  });
}
