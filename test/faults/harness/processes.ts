import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, WriteStream } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

export type Role = 'api' | 'worker';

/**
 * One API or worker process from the build, as `npm run start:api` / `npm run start:worker` run it, so a SIGKILL
 * is a real one. Its output goes to a log file per start under the suite's artifacts.
 */
export class AppProcess {
  private child?: ChildProcess;
  private starts = 0;

  constructor(
    readonly name: string,
    readonly role: Role,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the process; `ready` resolves once it serves (API: /health answers) or takes jobs (worker: its log says so). */
  spawn(): { ready: Promise<void> } {
    this.starts++;
    const script = this.role === 'api' ? 'dist/apps/api/src/main.js' : 'dist/apps/worker/src/main.js';
    const log: WriteStream = createWriteStream(join(this.logDir, `${this.name}-${this.starts}.log`));
    const child = spawn('node', ['-r', 'tsconfig-paths/register', script], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...this.env,
        ...(this.role === 'api' ? { QL_ROLE: 'api' } : {}),
        TS_NODE_BASEURL: 'dist',
        LOG_LEVEL: 'log',
        LOG_JSON: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    const ready = new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (error?: Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () => finish(new Error(`${this.name} not ready in 120 s: ${output.slice(-1500)}`)),
        120_000,
      );
      const onData = (chunk: Buffer) => {
        log.write(chunk);
        if (done) return;
        output = (output + chunk.toString()).slice(-20_000);
        if (this.role === 'worker' && output.includes('workers started')) finish();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code, signal) => {
        log.end();
        finish(new Error(`${this.name} exited (${code ?? signal}) before it was ready: ${output.slice(-1500)}`));
      });
      if (this.role === 'api') {
        const port = this.env.PORT;
        const poll = async () => {
          while (!done) {
            try {
              const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(3000) });
              if (response.status < 500) return finish();
            } catch {
              // not listening yet
            }
            await new Promise((r) => setTimeout(r, 250));
          }
        };
        void poll();
      }
    });
    // A caller that stops waiting must not leave an unhandled rejection behind.
    ready.catch(() => undefined);
    return { ready };
  }

  async start(): Promise<void> {
    await this.spawn().ready;
  }

  /** SIGKILL, and waits until the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Resident memory of the process in MiB (from /proc), or 0 when it is not running. */
  rssMiB(): number {
    if (!this.pid || !this.running) return 0;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  }
}

/** The operator CLI from the build (`npm run cli` runs the same program through ts-node), answering JSON. */
export async function cli(env: Record<string, string>, args: string[]): Promise<Record<string, string>> {
  const { stdout } = await run(
    'node',
    ['-r', 'tsconfig-paths/register', 'dist/apps/cli/src/main.js', ...args, '--json'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, TS_NODE_BASEURL: 'dist', LOG_LEVEL: 'warn' },
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, string>;
}
