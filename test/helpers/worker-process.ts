import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A worker process as `npm run start:worker` runs it (from the build that test:services makes first). */
export function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn('node', ['-r', 'tsconfig-paths/register', 'dist/apps/worker/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, ...env, TS_NODE_BASEURL: 'dist', LOG_LEVEL: 'log', LOG_JSON: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${output.slice(-2000)}`)), 90_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('workers started')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`worker exited with ${code}: ${output.slice(-2000)}`)));
  });
}
