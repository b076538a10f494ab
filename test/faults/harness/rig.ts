import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebhookReceiver, Reply } from '../../helpers/webhook-receiver';
import { acceptedItem, Answer, ApiClient, Reviewer } from './client';
import { countDuplicates, Duplicates, sql } from './checks';
import { AppProcess, cli } from './processes';
import { sleep, sparePort, ThrowawayPostgres, ThrowawayRedis } from './services';

export const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'faults');
/** The acceptance's bound: every fault recovered within two minutes, on the default settings. */
export const RECOVERY_BOUND_MS = 120_000;
/** Ingest answers within a bounded time whatever PostgreSQL and Redis do (202, 503 or 429, never a hang). */
export const INGEST_BOUND_MS = 5000;

export const GAMBLING = ['澳门百家乐真人荷官在线，加微信上分，包赢', '菠菜平台注册就送彩金，稳赚不赔，私聊拉你进群'];

/** One platform as the suite drives it: its key, its webhook receiver and what to answer there. */
export interface Tenant {
  name: string;
  api: ApiClient;
  receiver: WebhookReceiver;
  /** How the receiver answers now; faults swap it. */
  reply: Reply;
}

/** What one fault did and what the database and the API say about it afterwards. */
export interface FaultResult {
  fault: string;
  accepted: number;
  terminal: number;
  failed: number;
  lost: number;
  duplicated: number;
  duplicates: Partial<Duplicates>;
  /** Webhook events a receiver acknowledged more than once (delivery is at least once): reported, allowed. */
  redelivered: number;
  sanctions: number;
  delivered: number;
  recoverMs: number | null;
  refused: Record<string, number>;
  notes: string[];
  problems: string[];
}

/**
 * The whole system under fault: its own PostgreSQL and Redis, the API and two workers as processes from the
 * build, two platforms (A is the one that must keep working, B the one that misbehaves) with a webhook receiver
 * each, and a reviewer whose token comes from the CLI. Everything runs on the default settings; the only
 * variables set are where things are and that webhooks may go to loopback.
 */
export class Rig {
  pg!: ThrowawayPostgres;
  redis!: ThrowawayRedis;
  api!: AppProcess;
  workers: AppProcess[] = [];
  a!: Tenant;
  b!: Tenant;
  reviewer!: Reviewer;
  env!: Record<string, string>;
  /** Seconds a segment of A takes from 202 to classified on the idle system. */
  usualSegmentMs = 0;
  readonly results: FaultResult[] = [];
  /** Duplicates counted after the last fault (after setup, at first): each fault answers for the new ones. */
  duplicatesSoFar!: Duplicates;
  private dataDir = '';
  readonly logDir = join(ARTIFACTS, 'logs');

  async start(): Promise<void> {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(this.logDir, { recursive: true });
    this.pg = await ThrowawayPostgres.start(this.logDir);
    this.redis = await ThrowawayRedis.start();
    this.dataDir = mkdtempSync(join(tmpdir(), 'qinglang-faults-data-'));
    this.env = {
      DATABASE_URL: this.pg.url,
      REDIS_URL: this.redis.url,
      DATA_DIR: this.dataDir,
      PORT: String(await sparePort()),
      // The receivers listen on loopback.
      WEBHOOK_ALLOW_PRIVATE: 'true',
    };
    this.api = new AppProcess('api', 'api', this.env, this.logDir);
    this.workers = [1, 2].map((n) => new AppProcess(`worker-${n}`, 'worker', this.env, this.logDir));
    await this.api.start();
    await Promise.all(this.workers.map((w) => w.start()));
    const base = `http://127.0.0.1:${this.env.PORT}`;
    const tenant = async (name: string): Promise<Tenant> => {
      const { apiKey } = await cli(this.env, ['platform', 'create', `Fault platform ${name}`]);
      const t: Tenant = { name, api: new ApiClient(base, apiKey, name), reply: 200 } as Tenant;
      t.receiver = new WebhookReceiver(() => t.reply);
      await t.api.setWebhook(await t.receiver.start());
      return t;
    };
    this.a = await tenant('A');
    this.b = await tenant('B');
    const { token } = await cli(this.env, ['staff', 'create', 'Fault Reviewer', '--role', 'reviewer']);
    this.reviewer = new Reviewer(new ApiClient(base, token, 'reviewer'));
    // The usual time: a segment of A's on a stream of its own on the idle system (the slower of two), after one
    // that warms the models up.
    await this.segmentTime(this.a, await this.a.api.stream('warm-up', 'warm-host'), 0, 120_000);
    for (const n of [1, 2]) {
      const stream = await this.a.api.stream(`usual-${n}`, `usual-host-${n}`);
      this.usualSegmentMs = Math.max(this.usualSegmentMs, await this.segmentTime(this.a, stream, 0, 60_000));
    }
    this.duplicatesSoFar = await countDuplicates(this.pg.url, this.receivers);
  }

  /** Posts one segment and waits until it is classified; the time from the 202. */
  async segmentTime(tenant: Tenant, streamId: string, offset: number, timeoutMs: number): Promise<number> {
    return this.classifiedIn(tenant, await tenant.api.segment(streamId, offset), timeoutMs);
  }

  /** Waits until the segment this answer accepted is classified; the time from the 202 (Infinity: not in time). */
  async classifiedIn(tenant: Tenant, answer: Answer, timeoutMs: number): Promise<number> {
    const item = acceptedItem(answer, 'segment', tenant.name);
    if (!item) throw new Error(`segment for ${tenant.name}: ${answer.status} ${JSON.stringify(answer.body)}`);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const status = await tenant.api.status(item);
      if (status === 'classified') return Date.now() - item.acceptedAt;
      if (status === 'failed') throw new Error(`segment ${item.id} failed`);
      await sleep(200);
    }
    return Infinity;
  }

  /** After a fault that failed half-way: everything back up, so the next fault starts from a working system. */
  async restore(): Promise<void> {
    this.a.reply = 200;
    this.b.reply = 200;
    this.redis.thaw();
    if (!this.redis.running) await this.redis.startServer();
    if (
      !(await sql(this.pg.url, 'SELECT 1').then(
        () => true,
        () => false,
      ))
    )
      await this.pg.startServer();
    await Promise.all([this.api, ...this.workers].filter((p) => !p.running).map((p) => p.start()));
  }

  get receivers(): WebhookReceiver[] {
    return [this.a.receiver, this.b.receiver];
  }

  async health(): Promise<Answer> {
    return this.a.api.call('GET', '/health', undefined, 5000);
  }

  async stop(): Promise<void> {
    await Promise.all([this.api, ...this.workers].map((p) => p?.kill().catch(() => undefined)));
    for (const t of [this.a, this.b]) await t?.receiver.stop().catch(() => undefined);
    await this.redis?.cleanup().catch(() => undefined);
    await this.pg?.cleanup().catch(() => undefined);
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The table the acceptance asks for, printed and written to test-artifacts/faults/summary.json. */
  report(startedAt: number): string {
    const rows = this.results.map((r) => ({
      fault: r.fault,
      accepted: r.accepted,
      terminal: r.terminal,
      lost: r.lost,
      duplicated: r.duplicated,
      'recover (s)': r.recoverMs === null ? `> ${RECOVERY_BOUND_MS / 1000}` : (r.recoverMs / 1000).toFixed(1),
      failed: r.failed,
      sanctions: `${r.delivered}/${r.sanctions}`,
      result: r.problems.length ? 'FAIL' : 'pass',
    }));
    const columns = Object.keys(rows[0] ?? { fault: '' });
    const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c as keyof typeof r]).length));
    const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(width(columns[i]))).join('  ');
    const text = [
      line(columns),
      ...rows.map((r) => line(columns.map((c) => String(r[c as keyof typeof r])))),
      '',
      ...this.results.flatMap((r) => [`${r.fault}: ${r.notes.join('; ')}`, ...r.problems.map((p) => `  FAIL ${p}`)]),
      `usual segment time ${(this.usualSegmentMs / 1000).toFixed(1)} s; run ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
    ].join('\n');
    writeFileSync(
      join(ARTIFACTS, 'summary.json'),
      JSON.stringify(
        { usualSegmentMs: this.usualSegmentMs, runSeconds: (Date.now() - startedAt) / 1000, faults: this.results },
        null,
        2,
      ),
    );
    writeFileSync(join(ARTIFACTS, 'summary.txt'), `${text}\n`);
    return text;
  }
}
