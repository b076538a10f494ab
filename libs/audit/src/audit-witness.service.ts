import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { isUniqueViolation } from '@qinglang/persistence';
import { PeriodicPass } from '@qinglang/queue';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { ChainPoint, ChainProblem, ChainVerifier, GENESIS_HASH, checkpointMessage } from './audit-chain';
import { AuditAppendGuard } from './audit-append-guard';
import { AuditSigner } from './audit-signer';
import { AuditStore, PAGE } from './audit-store';
import { WitnessLine, witnessLineOf } from './witness-line';
import { appendWitnessLines, readNewestWitnessLine } from './witness-file';
import { checkpointDue, insideFolder, judgeWitnessLine } from './witness-judgement';
import { WitnessWebhook } from './witness-webhook';

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
 * process at a time does it (a PostgreSQL advisory lock, tried, not waited for).
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
  ) {}

  /** A pass every few seconds: at most a quarter of the checkpoint interval, so none is late by more than that. */
  get tickMs(): number {
    return Math.min(5000, (this.config.audit.checkpointSeconds * 1000) / 4);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.reportPlacement();
    await this.guard.check();
    this.periodic.start(this.tickMs);
  }

  /** A stop (SIGTERM, the CLI's end) witnesses what was added since the last pass, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
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
      return this.underLock(async () => {
        const witnessed = await this.witness(options.force ?? false);
        await this.sendToWebhook();
        return witnessed;
      });
    });
    this.inLine = run.catch(() => undefined);
    return run;
  }

  private async witness(force: boolean): Promise<number> {
    const newest = await readNewestWitnessLine(this.config.audit.witnessPath);
    this.guard.witnessed(newest);
    const head = await this.store.head();
    if (newest) {
      // The witness is this deployment's own: its newest line is held to the log as it stands, signature aside.
      const entry = await this.store.entryAt(newest.seq);
      const problem = judgeWitnessLine(newest, { headSeq: head?.seq ?? 0, hash: entry?.hash }, () => true);
      if (problem) return this.refuse(problem);
    }
    if (!head) return 0;
    const from: ChainPoint = newest ?? { seq: 0, hash: GENESIS_HASH };
    const last = await this.store.lastCheckpoint();
    const lastSeq = last?.seq ?? 0;
    const due =
      head.seq > lastSeq &&
      (force ||
        checkpointDue({
          headSeq: head.seq,
          lastCheckpointSeq: lastSeq,
          oldestUncoveredAt: (await this.store.entryAt(lastSeq + 1))?.recordedAt ?? null,
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
    const state = await this.webhook.due();
    if (!state) return;
    const upTo = this.guard.state.witnessedSeq;
    if (upTo <= state.deliveredSeq) return;
    const checkpoints = await this.store.checkpointsBetween(state.deliveredSeq, upTo, 100);
    await this.webhook.deliver(
      state,
      checkpoints.map((checkpoint) => this.lineFor(checkpoint)),
    );
  }

  /** On PostgreSQL one process at a time; another that finds the lock taken skips this pass. */
  private async underLock(work: () => Promise<number>): Promise<number> {
    if (this.dataSource.options.type !== 'postgres') return work();
    const key = createHash('sha256').update(WITNESS_LOCK).digest().readBigInt64BE(0).toString();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key])) as Array<{
        locked: boolean;
      }>;
      if (!locked) return 0;
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    } finally {
      await runner.release();
    }
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
