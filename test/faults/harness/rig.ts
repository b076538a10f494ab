import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebhookReceiver, Reply } from '../../helpers/webhook-receiver';
import { Accepted, acceptedItem, Answer, ApiClient, Reviewer, TERMINAL } from './client';
import { acknowledgedAt, countDuplicates, Duplicates, sanctionEvents, sql, total } from './checks';
import { AppProcess, cli } from './processes';
import { sleep, sparePort, ThrowawayPostgres, ThrowawayRedis } from './services';

export const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'faults');
/** The acceptance's bound: every fault recovered within two minutes, on the default settings. */
export const RECOVERY_BOUND_MS = 120_000;

export const GAMBLING = ['澳门百家乐真人荷官在线，加微信上分，包赢', '菠菜平台注册就送彩金，稳赚不赔，私聊拉你进群'];
const BENIGN = ['主播好', '今天的歌真好听', '晚上好呀', '这个游戏怎么玩', '哈哈哈哈'];

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
  }

  /** Posts one segment and waits until it is classified; the time from the 202. */
  async segmentTime(tenant: Tenant, streamId: string, offset: number, timeoutMs: number): Promise<number> {
    const answer = await tenant.api.segment(streamId, offset);
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

/**
 * One fault's work: the items it sent and what came back, its streams (for the sanctions), and the checks
 * after it. Every number in its result is read from the API and the database, not from this bookkeeping: the
 * items are only the 202s the suite got, looked up again.
 */
export class FaultRun {
  readonly items: Accepted[] = [];
  readonly answers: Answer[] = [];
  readonly streams: Array<{ tenant: Tenant; id: string; streamerId: string }> = [];
  readonly notes: string[] = [];
  readonly problems: string[] = [];
  clearedAt = 0;
  private trickling?: Promise<void>;
  private stopTrickle = false;
  private offset = 0;

  constructor(
    readonly rig: Rig,
    readonly name: string,
  ) {}

  private record(answer: Answer, kind: Accepted['kind'], tenant: Tenant): Answer {
    this.answers.push(answer);
    const item = acceptedItem(answer, kind, tenant.name);
    if (item) this.items.push(item);
    return answer;
  }

  /** A stream of the tenant's with its own streamer (a first strike each), registered before the fault. */
  async stream(tenant: Tenant, tag: string): Promise<string> {
    const streamerId = `${this.name}-${tag}-host`;
    const id = await tenant.api.stream(`${this.name}-${tag}`, streamerId);
    this.streams.push({ tenant, id, streamerId });
    return id;
  }

  /** The streamer's own gambling lines: a flag, which the reviewer confirms into a sanction. */
  async gamblingChat(tenant: Tenant, streamId: string): Promise<Answer> {
    const streamerId = this.streams.find((s) => s.id === streamId)!.streamerId;
    return this.record(await tenant.api.chat(streamId, streamerId, GAMBLING), 'text_batch', tenant);
  }

  async chat(tenant: Tenant, streamId: string): Promise<Answer> {
    const viewer = `viewer-${Math.floor(Math.random() * 1e6)}`;
    return this.record(
      await tenant.api.chat(streamId, viewer, [BENIGN[this.answers.length % BENIGN.length]]),
      'text_batch',
      tenant,
    );
  }

  async tips(tenant: Tenant, streamId: string): Promise<Answer> {
    return this.record(
      await tenant.api.tips(streamId, `tipper-${this.answers.length}`, ['5.00', '10.00']),
      'tip_batch',
      tenant,
    );
  }

  async segment(tenant: Tenant, streamId: string): Promise<Answer> {
    this.offset += 10_000;
    return this.record(await tenant.api.segment(streamId, this.offset), 'segment', tenant);
  }

  /** The usual load on A: the streamer's gambling chat, viewers' chat, tips and three segments. */
  async load(tenant: Tenant, streamId: string): Promise<void> {
    await this.gamblingChat(tenant, streamId);
    await this.chat(tenant, streamId);
    await this.tips(tenant, streamId);
    for (let i = 0; i < 3; i++) await this.segment(tenant, streamId);
    await this.chat(tenant, streamId);
  }

  /** Waits (briefly) until each of the tenant's streams in this fault has an open flag. */
  async flagsOpen(tenant: Tenant, timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const streams = this.streams.filter((s) => s.tenant === tenant);
    while (Date.now() < deadline) {
      const open = await Promise.all(streams.map(async (s) => (await tenant.api.openFlags(s.id)).length > 0));
      if (open.every(Boolean)) return true;
      await sleep(250);
    }
    this.notes.push(`not every stream of ${tenant.name} had a flag within ${timeoutMs / 1000} s`);
    return false;
  }

  /** Waits (briefly) until the stream's flag is open and a segment is being worked on: work in flight. */
  async inFlight(tenant: Tenant, streamId: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let flagged = false;
    let working = false;
    while (Date.now() < deadline && !(flagged && working)) {
      flagged ||= (await tenant.api.openFlags(streamId)).length > 0;
      const segments = this.items.filter((i) => i.kind === 'segment');
      const statuses = await Promise.all(segments.map((s) => tenant.api.status(s)));
      working ||= statuses.some((s) => s === 'processing');
      if (!(flagged && working)) await sleep(200);
    }
    const statuses = await Promise.all(this.items.map((i) => tenant.api.status(i)));
    this.notes.push(
      `at the fault: ${statuses.filter((s) => s && !TERMINAL.includes(s)).length} of ${this.items.length} items unfinished${flagged ? ', flag open' : ', no flag yet'}`,
    );
  }

  /** Confirms every open flag on the fault's streams (of one tenant, when given); how many were confirmed. */
  async confirmFlags(only?: Tenant): Promise<number> {
    let confirmed = 0;
    for (const { tenant, id } of this.streams.filter((s) => !only || s.tenant === only))
      for (const flag of await tenant.api.openFlags(id))
        if (await this.rig.reviewer.confirm(flag.id, flag.category)) confirmed++;
    return confirmed;
  }

  /** While the fault lasts: one call a second on A's stream (chat, and a segment every third), answers kept. */
  trickle(tenant: Tenant, streamId: string): void {
    this.stopTrickle = false;
    this.trickling = (async () => {
      for (let n = 0; !this.stopTrickle; n++) {
        const started = Date.now();
        if (n % 3 === 2) await this.segment(tenant, streamId);
        else await this.chat(tenant, streamId);
        await sleep(Math.max(0, 1000 - (Date.now() - started)));
      }
    })();
  }

  async endTrickle(): Promise<void> {
    this.stopTrickle = true;
    await this.trickling;
  }

  /** The fault is over (the service is back, the process restarted): recovery is timed from here. */
  cleared(): void {
    this.clearedAt = Date.now();
  }

  /**
   * Answers during the fault that are not what the documented behaviour promises: a call with no answer within
   * its time limit, a 5xx other than 503 `unavailable` with Retry-After, a 429 without Retry-After.
   */
  checkAnswers(allowRefused: boolean): void {
    const hung = this.answers.filter((a) => a.error === 'timeout');
    const refused = this.answers.filter((a) => a.error === 'refused');
    const bad5xx = this.answers.filter(
      (a) => a.status >= 500 && !(a.status === 503 && a.body?.code === 'unavailable' && a.retryAfter),
    );
    const bad429 = this.answers.filter((a) => a.status === 429 && !a.retryAfter);
    if (hung.length) this.problems.push(`${hung.length} ingest calls got no answer within their time limit`);
    if (refused.length && !allowRefused) this.problems.push(`${refused.length} ingest calls could not connect`);
    if (bad5xx.length)
      this.problems.push(
        `${bad5xx.length} answers were a 5xx other than 503 unavailable with Retry-After: ${[
          ...new Set(bad5xx.map((a) => `${a.status} ${a.body?.code ?? ''}`)),
        ].join(', ')}`,
      );
    if (bad429.length) this.problems.push(`${bad429.length} 429s came without Retry-After`);
  }

  /** Checks /health now: it must answer within 2 s, 503 when `down` says a dependency is down. */
  async checkHealth(down: string): Promise<void> {
    const health = await this.rig.health();
    this.notes.push(`/health during the fault: ${health.status || health.error} in ${health.ms} ms`);
    if (health.status === 0 || health.ms > 2000)
      this.problems.push(`/health took ${health.ms} ms (bound 2000) with ${down} down`);
    else if (health.status !== 503) this.problems.push(`/health answered ${health.status} with ${down} down`);
  }

  /**
   * Waits until every accepted item is terminal, every flag on the fault's streams is confirmed and every
   * sanction on them delivered, or the bound runs out; then counts, from the API and the database.
   */
  async settle(): Promise<FaultResult> {
    const { rig } = this;
    const deadline = this.clearedAt + RECOVERY_BOUND_MS;
    const terminal = new Map<string, string>();
    let recoveredAt: number | null = null;
    let sanctions: Awaited<ReturnType<typeof sanctionEvents>> = [];
    let acked = new Map<string, number>();
    while (Date.now() < deadline) {
      const open = this.items.filter((i) => !terminal.has(i.id));
      const statuses = await Promise.all(open.map((i) => (i.platform === 'A' ? rig.a : rig.b).api.status(i)));
      open.forEach((item, n) => {
        const status = statuses[n];
        if (status && TERMINAL.includes(status)) terminal.set(item.id, status);
      });
      await this.confirmFlags().catch(() => 0);
      sanctions = await sanctionEvents(
        rig.pg.url,
        this.streams.map((s) => s.id),
      ).catch(() => sanctions);
      acked = acknowledgedAt(rig.receivers);
      const undelivered = sanctions.filter((s) => s.status !== 'delivered' || !acked.has(s.eventId));
      const flagsOpen = (await Promise.all(this.streams.map((s) => s.tenant.api.openFlags(s.id)))).flat();
      if (terminal.size === this.items.length && !undelivered.length && !flagsOpen.length && this.items.length) {
        recoveredAt = Date.now();
        break;
      }
      await sleep(1000);
    }
    // Read once more for the counts: straight from the API and the database.
    const finalStatuses = await Promise.all(this.items.map((i) => (i.platform === 'A' ? rig.a : rig.b).api.status(i)));
    const terminalCount = finalStatuses.filter((s) => s && TERMINAL.includes(s)).length;
    const failed = finalStatuses.filter((s) => s === 'failed').length;
    sanctions = await sanctionEvents(
      rig.pg.url,
      this.streams.map((s) => s.id),
    ).catch(() => sanctions);
    acked = acknowledgedAt(rig.receivers);
    const delivered = new Set(
      sanctions.filter((s) => s.status === 'delivered' && acked.has(s.eventId)).map((s) => s.sanctionId),
    ).size;
    const sanctionCount = new Set(sanctions.map((s) => s.sanctionId)).size;
    const duplicates = await countDuplicates(rig.pg.url, rig.receivers);
    const duplicated = total(duplicates);
    const refused: Record<string, number> = {};
    for (const a of this.answers)
      if (a.status !== 202) {
        const key = a.status ? `${a.status}${a.body?.code ? ` ${a.body.code}` : ''}` : (a.error ?? 'no answer');
        refused[key] = (refused[key] ?? 0) + 1;
      }
    const lost = this.items.length - terminalCount;
    if (lost) {
      const ids = this.items.filter((_, n) => !TERMINAL.includes(finalStatuses[n] ?? '')).map((i) => i.id);
      const stuck = await sql<{ kind: string; stage: string; n: string }>(
        rig.pg.url,
        `SELECT kind, stage, COUNT(*) AS n FROM (
           SELECT 'segment' AS kind, stage FROM segments WHERE id::text = ANY($1::text[]) UNION ALL
           SELECT 'text batch', stage FROM text_batches WHERE id::text = ANY($1::text[]) UNION ALL
           SELECT 'tip batch', stage FROM tip_batches WHERE id::text = ANY($1::text[])) s
         GROUP BY kind, stage`,
        [ids],
      ).catch((error: unknown) => [{ kind: String(error), stage: '', n: '' }]);
      this.problems.push(
        `${lost} accepted items not terminal ${RECOVERY_BOUND_MS / 1000} s after the fault (${stuck.map((s) => `${s.n} ${s.kind} ${s.stage}`).join(', ')})`,
      );
    }
    if (failed) this.problems.push(`${failed} items failed (the fixtures are valid: a fault must not fail them)`);
    if (duplicated)
      this.problems.push(
        `duplicates: ${Object.entries(duplicates)
          .filter(([, n]) => n)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}`,
      );
    if (sanctionCount === 0) this.problems.push('no sanction was issued, so none could be checked');
    if (delivered < sanctionCount)
      this.problems.push(`${sanctionCount - delivered} of ${sanctionCount} sanctions not delivered`);
    if (recoveredAt === null && !this.problems.length) this.problems.push('not recovered within the bound');
    if (Object.keys(refused).length)
      this.notes.push(
        `not accepted: ${Object.entries(refused)
          .map(([k, n]) => `${n}× ${k}`)
          .join(', ')}`,
      );
    const result: FaultResult = {
      fault: this.name,
      accepted: this.items.length,
      terminal: terminalCount,
      failed,
      lost,
      duplicated,
      duplicates: Object.fromEntries(Object.entries(duplicates).filter(([, n]) => n)),
      sanctions: sanctionCount,
      delivered,
      recoverMs: recoveredAt === null ? null : recoveredAt - this.clearedAt,
      refused,
      notes: this.notes,
      problems: this.problems,
    };
    rig.results.push(result);
    return result;
  }
}
