import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';

/**
 * better-sqlite3 gives TypeORM one connection, so two transactions started at once would interleave on it (the
 * second becomes a savepoint inside the first, or fails with "cannot start a transaction within a transaction").
 * This makes the data source run its transactions one after another, as SQLite would anyway with one writer. A
 * transaction started from inside another (same async context) runs at once, so nesting cannot deadlock.
 */
export function serializeSqliteTransactions(dataSource: DataSource): DataSource {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource;
  const inside = new AsyncLocalStorage<true>();
  const manager = dataSource.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (manager as { transaction: unknown }).transaction = (...args: unknown[]) => {
    if (inside.getStore()) return original(...args);
    const run = tail.then(() => inside.run(true, () => original(...args)));
    tail = run.catch(() => undefined);
    return run;
  };
  return dataSource;
}

/** The TypeORM root module for a data source, with SQLite transactions serialised. */
export function typeOrmRoot(options: DataSourceOptions): DynamicModule {
  return TypeOrmModule.forRootAsync({
    useFactory: () => options,
    dataSourceFactory: async (resolved) => serializeSqliteTransactions(await new DataSource(resolved!).initialize()),
  });
}
