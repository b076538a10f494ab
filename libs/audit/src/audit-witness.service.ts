import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { isUniqueViolation } from '@qinglang/persistence';
// From operations, not the queue's index: the CLI's audit commands then load no BullMQ.
import { PeriodicPass } from '@qinglang/operations';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { ChainPoint, ChainProblem, ChainVerifier, GENESIS_HASH, checkpointMessage } from './audit-chain';
import { AuditAppendGuard } from './audit-append-guard';
import { AuditSigner } from './audit-signer';
import { AuditStore, PAGE } from './audit-store';
import { WitnessLine, witnessLineOf } from './witness-line';
import { appendWitnessLines } from './witness-file';
import { checkpointDue, insideFolder } from './witness-judgement';
import { WitnessWebhook } from './witness-webhook';

/** `false`: this process runs no witness passes (the CLI: its commands are short, and a read must not write). */
export const AUDIT_WITNESS_PASSES = Symbol('AUDIT_WITNESS_PASSES');

/** Checkpoints witnessed in one pass at most (a backlog drains over a few passes). */
const BATCH = 500;
const WITNESS_LOCK = 'qinglang:audit-witness';

/**
 * Copies signed checkpoints out of the database into the witness, every few seconds, in every process (the
 * embedded one, API and workers alike; the CLI too, once, as it stops):
 * - makes a checkpoint of the newest entry when the oldest entry not yet covered by one is about to have waited
 *   AUDIT_CHECKPOINT_SECONDS (checkpoints every AUDIT_CHECKPOINT_EVERY entries are made in the append itself);
 * - holds the chain from the newest witnessed checkpoint up to them, so nothing is vouched for on top of a log
 *   changed under the witness (found, appends are refused);
 * - appends them to the witness file, then POSTs them to AUDIT_WITNESS_URL.
 * It reads committed rows only, so a checkpoint made in a transaction that rolled back is never witnessed. One
 * process at a time writes the witness (a PostgreSQL advisory lock, tried, not waited for); the POSTs run after the
 * lock is released, so a slow receiver holds nobody else's pass.
 */
@Injectable()
export class AuditWitness implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('AuditWitness');
  private readonly periodic = new PeriodicPass('AuditWitness', () => this.pass());
  /** Passes in this process run one after another, the timer's and any other caller's. */
  private inLine: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly store: AuditStore,
    private readonly signer: AuditSigner,
    private readonly guard: AuditAppendGuard,
    private readonly webhook: WitnessWebhook,
    @Optional() @Inject(AUDIT_WITNESS_PASSES) private readonly passes?: boolean,
  ) {}

  private get enabled(): boolean {
    return this.passes !== false;
  }

  /** A pass every few seconds: at most a quarter of the checkpoint interval, so none is late by more than that. */
  get tickMs(): number {
    return Math.min(5000, (this.config.audit.checkpointSeconds * 1000) / 4);
  }

  async onApplicationBootstrap(): Promise<void> {
    // The start-up check reads only: the CLI makes it too, so `audit verify` reports a refusal.
    await this.guard.check();
    if (!this.enabled) return;
    this.reportPlacement();
    this.periodic.start(this.tickMs);
  }

  /** A stop (SIGTERM, the CLI's end) witnesses what was added since the last pass, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
    if (!this.enabled) return;
    await this.pass({ force: true }).catch((error) =>
      this.logger.error({ message: 'last witness pass failed', error: String(error) }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  /**
   * One pass; returns the checkpoints witnessed. `force`: make a checkpoint of the newest entry now if it has none.
   * Tests call it to move without waiting for the timer.
   */
  pass(options: { force?: boolean } = {}): Promise<number> {
    const run = this.inLine.then(async () => {
      if (this.guard.state.refused) return 0;
      // The cheap check runs outside the lock: a session that holds the lock cannot keep a cut log from being
      // refused, and the time a checkpoint is due is counted from here, by this process's own clock.
      const { trusted } = await this.guard.holdNewestLine();
      if (!trusted) return 0;
      this.noteUncovered(await this.store.head());
      const witnessed = await this.underLock(() => this.witness(options.force ?? false));
      // Outside the lock: a slow receiver must not hold the other processes' passes. Two processes sending at
      // once give the receiver a repeat, never a gap.
      await this.sendToWebhook();
      return witnessed;
    });
    this.inLine = run.catch(() => undefined);
    return run;
  }

  /**
   * The heads this process has seen past the newest witnessed entry, each with when it first saw it, by its own
   * clock: the database's recordedAt could be set into the future to hold time checkpoints back. The oldest one
   * still past the witness says since when entries have waited for a checkpoint.
   */
  private seen: Array<{ seq: number; at: Date }> = [];

  private noteUncovered(head: ChainPoint | null): void {
    const witnessedSeq = this.guard.state.witnessedSeq;
    this.seen = this.seen.filter((s) => s.seq > witnessedSeq);
    if (head && head.seq > (this.seen[this.seen.length - 1]?.seq ?? witnessedSeq))
      this.seen.push({ seq: head.seq, at: this.clock.now() });
    // Bounded while nothing is witnessed: the oldest sightings are the ones that matter.
    if (this.seen.length > 64) this.seen.splice(this.seen.length - 2, 1);
  }

  private async witness(force: boolean): Promise<number> {
    // Again under the lock: another process may have witnessed more since the check outside it.
    const { newest, trusted } = await this.guard.holdNewestLine();
    if (!trusted) return 0;
    const head = await this.store.head();
    this.noteUncovered(head);
    if (!head) return 0;
    const from: ChainPoint = newest ?? { seq: 0, hash: GENESIS_HASH };
    const last = await this.store.lastCheckpoint();
    const lastSeq = last?.seq ?? 0;
    const due =
      head.seq > lastSeq &&
      (force ||
        checkpointDue({
          headSeq: head.seq,
          lastCheckpointSeq: from.seq,
          oldestUncoveredAt: this.seen[0]?.at ?? null,
          now: this.clock.now(),
          everyMs: this.config.audit.checkpointSeconds * 1000,
          tickMs: this.tickMs,
        }));
    const target = due ? head.seq : lastSeq;
    if (target <= from.seq) return 0;
    const pending = await this.store.checkpointsBetween(from.seq, target, BATCH);
    const upTo = pending.length === BATCH ? pending[BATCH - 1].seq : target;
    const problem = await this.holdSegment(from, upTo, pending);
    if (problem) return this.refuse(problem);
    if (upTo === head.seq && due && pending[pending.length - 1]?.seq !== head.seq)
      pending.push(await this.checkpoint(head));
    const lines = pending.map((checkpoint) => this.lineFor(checkpoint));
    await appendWitnessLines(this.config.audit.witnessPath, lines);
    this.guard.witnessed(lines[lines.length - 1] ?? null);
    return lines.length;
  }

  private refuse(problem: ChainProblem): number {
    this.guard.refuse(problem);
    return 0;
  }

  /**
   * The log from the newest witnessed point up to `upTo` must still hold before more is vouched for: the entries
   * after it link, and every checkpoint to be witnessed has the hash of its entry.
   */
  private async holdSegment(from: ChainPoint, upTo: number, pending: AuditCheckpoint[]): Promise<ChainProblem | null> {
    const expected = new Map(pending.map((c) => [c.seq, c.hash]));
    const verifier = new ChainVerifier(from);
    for (let after = from.seq; after < upTo;) {
      const page = (await this.store.page(after, Math.min(PAGE, upTo - after))).filter((e) => e.seq <= upTo);
      if (!page.length) break;
      const sound = verifier.feed(page);
      for (const entry of page) {
        if (entry.seq > verifier.headSeq) break;
        const hash = expected.get(entry.seq);
        if (hash !== undefined && hash !== entry.hash)
          return {
            seq: entry.seq,
            problem: 'content_altered',
            message: `entry ${entry.seq} does not match the signed checkpoint for it`,
          };
      }
      if (!sound) return verifier.problem;
      after = page[page.length - 1].seq;
    }
    if (verifier.headSeq < upTo)
      return { seq: verifier.headSeq + 1, problem: 'missing', message: `entry ${verifier.headSeq + 1} is missing` };
    return null;
  }

  /** A time checkpoint of `head`, in its own transaction (a checkpoint the Nth append made meanwhile is taken). */
  private async checkpoint(head: ChainPoint): Promise<AuditCheckpoint> {
    const checkpoint = Object.assign(new AuditCheckpoint(), {
      seq: head.seq,
      hash: head.hash,
      signature: this.signer.sign(checkpointMessage(head.seq, head.hash)),
      keyId: this.signer.keyId,
      createdAt: this.clock.now(),
    });
    try {
      await this.dataSource.transaction((manager) => this.store.insertCheckpoint(manager, checkpoint));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return checkpoint;
  }

  /** The witness line, signed now by this process's key (Ed25519 is deterministic: the checkpoint's own signature). */
  private lineFor(checkpoint: AuditCheckpoint): WitnessLine {
    return witnessLineOf({
      ...checkpoint,
      signature: this.signer.sign(checkpointMessage(checkpoint.seq, checkpoint.hash)),
      keyId: this.signer.keyId,
    });
  }

  private async sendToWebhook(): Promise<void> {
    const upTo = this.guard.state.witnessedSeq;
    const state = await this.webhook.due(upTo);
    if (!state) return;
    if (upTo <= state.deliveredSeq) return;
    const checkpoints = await this.store.checkpointsBetween(state.deliveredSeq, upTo, 100);
    await this.webhook.deliver(
      state,
      checkpoints.map((checkpoint) => this.lineFor(checkpoint)),
    );
  }

  /** Since when this process has found the witness lock taken on every pass (null: it got it last time). */
  private lockMissedSince: Date | null = null;

  /**
   * On PostgreSQL one process at a time; another that finds the lock taken skips this pass. Skipped for over two
   * checkpoint intervals, something holds it (a stuck process, or someone with only the database stopping the
   * witness): that is logged as an error, naming the holder, and shown by verify.
   */
  private async underLock(work: () => Promise<number>): Promise<number> {
    if (this.dataSource.options.type !== 'postgres') return work();
    const key = createHash('sha256').update(WITNESS_LOCK).digest().readBigInt64BE(0).toString();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key])) as Array<{
        locked: boolean;
      }>;
      if (!locked) {
        await this.lockMissed(runner, key);
        return 0;
      }
      this.lockMissedSince = null;
      this.guard.resumeWitnessing('witness_lock_held');
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    } finally {
      await runner.release();
    }
  }

  private async lockMissed(runner: QueryRunner, key: string): Promise<void> {
    const now = this.clock.now();
    this.lockMissedSince ??= now;
    if (now.getTime() - this.lockMissedSince.getTime() <= 2 * this.config.audit.checkpointSeconds * 1000) return;
    // A bigint advisory lock shows in pg_locks as its high and low 32 bits.
    const holders = (await runner.query(
      `SELECT l.pid, a.application_name, a.usename, host(a.client_addr) AS client_addr, a.backend_start
         FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
          AND l.classid::bigint = (($1::bigint >> 32) & 4294967295) AND l.objid::bigint = ($1::bigint & 4294967295)`,
      [key],
    )) as Array<{ pid: number; application_name: string | null; usename: string | null; client_addr: string | null }>;
    const holder = holders[0]
      ? `PostgreSQL session pid ${holders[0].pid} (user ${holders[0].usename ?? '?'}, application ${holders[0].application_name || '?'}, from ${holders[0].client_addr ?? 'a local socket'})`
      : 'a session that has just released it';
    this.guard.stopWitnessing(
      'witness_lock_held',
      `no witness pass has run since ${this.lockMissedSince.toISOString()}: the witness lock is held by ${holder}`,
    );
  }

  /** Says where the key and the witness are, and warns when they sit inside DATA_DIR (reachable with it). */
  private reportPlacement(): void {
    const { dataDir, audit } = this.config;
    const inside = [
      this.signer.path !== null && insideFolder(dataDir, this.signer.path) && 'signing key (AUDIT_KEY_PATH, AUDIT_KEY)',
      insideFolder(dataDir, audit.witnessPath) && 'witness (AUDIT_WITNESS_PATH)',
    ].filter((what): what is string => !!what);
    const details = {
      message: inside.length
        ? `DATA_DIR holds the audit ${inside.join(' and the ')}: whoever can write DATA_DIR can rewrite or cut the audit log and the witness will not disagree; in production keep them outside it`
        : 'the audit signing key and the witness are outside DATA_DIR',
      keyId: this.signer.keyId,
      key: this.signer.path ?? 'AUDIT_KEY',
      witness: audit.witnessPath,
      witnessUrl: audit.witnessUrl ? new URL(audit.witnessUrl).origin : null,
    };
    // The embedded default keeps both in DATA_DIR on purpose; a PostgreSQL deployment is production.
    if (inside.length && this.config.database.type === 'postgres') this.logger.warn(details);
    else this.logger.log(details);
  }
}
