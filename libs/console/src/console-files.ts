import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export interface ConsoleFile {
  type: string;
  body: Buffer;
}

/**
 * Where the console's static files are. The build emits only .ts, so from dist (dist/libs/console/src) the
 * folder is found back in the source tree; from ts-node and Jest it sits next to src.
 */
export function consoleFolder(): string {
  const candidates = [
    join(__dirname, '..', 'public'),
    join(__dirname, '..', '..', '..', '..', 'libs', 'console', 'public'),
    join(process.cwd(), 'libs', 'console', 'public'),
  ];
  const found = candidates.find((folder) => existsSync(join(folder, 'index.html')));
  if (!found)
    throw new Error(`The console's files are missing: looked in ${candidates.map((c) => resolve(c)).join(', ')}`);
  return found;
}

/**
 * The console's files, read once: a flat folder of a few small files, served by name from this map only, so
 * no request path ever reaches the file system.
 */
export function loadConsoleFiles(folder = consoleFolder()): Map<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>();
  for (const name of readdirSync(folder)) {
    const type = TYPES[extname(name)];
    if (type) files.set(name, { type, body: readFileSync(join(folder, name)) });
  }
  return files;
}
