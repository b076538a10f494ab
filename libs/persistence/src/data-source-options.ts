import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@qinglang/config';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity and migration classes
type ClassList = Function[];

/** One description of the database for the service, the CLI and the migration drift test. */
export function dataSourceOptions(
  config: Pick<AppConfig, 'database'>,
  entities: ClassList,
  migrations: ClassList,
): DataSourceOptions {
  const common = { entities, migrations, migrationsRun: false, synchronize: false, logging: ['error'] as 'error'[] };
  if (config.database.type === 'postgres') {
    // A connection that cannot be made in 10 s fails (the API answers 503) rather than holding the request; a
    // query stuck on a lock ends after a minute instead of holding its pool slot for good.
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      extra: { max: 10, connectionTimeoutMillis: 10_000, query_timeout: 60_000, keepAlive: true },
    };
  }
  mkdirSync(dirname(config.database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.path,
    // WAL lets readers (API) and the writer (workers) share the file; the busy timeout rides out short locks.
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}
