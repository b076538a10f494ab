import { ChildProcess, execFile, spawn } from 'node:child_process';
import {
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** A TCP port nothing listens on now (the kernel's pick), for a throwaway service. */
export async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function postgresBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const path = join(root, version, 'bin', name);
    if (existsSync(path)) return path;
  }
  throw new Error(`no ${name} under ${root}/*/bin: the fault suite needs PostgreSQL's server binaries`);
}

/**
 * A PostgreSQL cluster of the suite's own (initdb into a temporary folder, a spare port), never the machine's
 * shared one: the faults stop, kill and restart it while other suites use theirs. Runs as the `postgres` OS user
 * when the suite runs as root (PostgreSQL refuses root).
 */
export class ThrowawayPostgres {
  readonly dir: string;
  readonly port: number;
  private readonly asUser: string[];

  private constructor(
    dir: string,
    port: number,
    private readonly logDir: string,
  ) {
    this.dir = dir;
    this.port = port;
    this.asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  }

  static async start(logDir: string): Promise<ThrowawayPostgres> {
    const base = mkdtempSync(join(tmpdir(), 'qinglang-faults-pg-'));
    const pg = new ThrowawayPostgres(base, await sparePort(), logDir);
    if (pg.asUser.length) chownSync(base, ...pg.postgresIds());
    await pg.exec(postgresBin('initdb'), ['-D', pg.data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    await pg.startServer();
    const client = new Client({ connectionString: pg.adminUrl });
    await client.connect();
    await client.query('CREATE DATABASE qinglang');
    await client.end();
    return pg;
  }

  /** In the cluster's own folder (postgres may not write the suite's); copied to the artifacts at the end. */
  private get logPath(): string {
    return join(this.dir, 'postgres.log');
  }

  get data(): string {
    return join(this.dir, 'data');
  }

  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/qinglang`;
  }

  private postgresIds(): [number, number] {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('postgres:'));
    if (!line) throw new Error('no postgres OS user to run the throwaway PostgreSQL as');
    const [, , uid, gid] = line.split(':');
    return [Number(uid), Number(gid)];
  }

  private async exec(binary: string, args: string[]): Promise<string> {
    const [command, ...rest] = [...this.asUser, binary, ...args];
    const { stdout } = await run(command, rest, { timeout: 60_000 });
    return stdout;
  }

  /** Starts the server and waits until it accepts connections. */
  async startServer(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${this.dir}`,
      // No fsync: the server is killed, never the machine, so what it wrote to the OS survives. Commits stay
      // synchronous (a commit that answered is in the WAL), or an immediate stop would lose acknowledged work.
      '-c fsync=off',
      '-c max_connections=200',
    ].join(' ');
    await this.exec(postgresBin('pg_ctl'), [
      '-D',
      this.data,
      '-l',
      this.logPath,
      '-o',
      options,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** Stops the server at once (`immediate`: no checkpoint, like a crash; clients are cut off). */
  async kill(): Promise<void> {
    await this.exec(postgresBin('pg_ctl'), ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
  }

  async cleanup(): Promise<void> {
    await this.kill().catch(() => undefined);
    mkdirSync(this.logDir, { recursive: true });
    if (existsSync(this.logPath)) copyFileSync(this.logPath, join(this.logDir, 'postgres.log'));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A redis-server of the suite's own on a spare port, with no persistence (`--save "" --appendonly no`): a restart
 * comes back empty, as a failover to a fresh replica would. Never the machine's shared Redis.
 */
export class ThrowawayRedis {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'qinglang-faults-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<ThrowawayRedis> {
    const redis = new ThrowawayRedis(await sparePort());
    await redis.startServer();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async startServer(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 15_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: every connection drops and every key is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGSTOP: the server stops answering but keeps its connections open, as a hung or partitioned Redis does. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  async cleanup(): Promise<void> {
    await this.kill().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
