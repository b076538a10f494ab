import { chmodSync, existsSync } from 'node:fs';

/**
 * Files the service writes hold evidence, the database and keys: only its own user may read them. New files are
 * created 0600 and folders 0700 (the process umask, inherited by ffmpeg), and the data folder and the SQLite
 * database made private if an older version left them open.
 */
export function keepFilesPrivate(paths: { dataDir: string; databaseFile?: string }): void {
  process.umask(0o077);
  if (existsSync(paths.dataDir)) chmodSync(paths.dataDir, 0o700);
  for (const suffix of ['', '-wal', '-shm'])
    if (paths.databaseFile && existsSync(paths.databaseFile + suffix)) chmodSync(paths.databaseFile + suffix, 0o600);
}
