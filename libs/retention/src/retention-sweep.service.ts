import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { AuditLog } from '@qinglang/audit';
import { SignalsService } from '@qinglang/classifier';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { FlagHolds } from '@qinglang/flagging';
import { ItemMediaRetention, RetainedItem } from '@qinglang/ingest';
import { FrameRetention } from '@qinglang/media';
import { newId } from '@qinglang/persistence';
import { PolicyService } from '@qinglang/policy';
import { MetricsService } from '@qinglang/operations';
import { PeriodicPass } from '@qinglang/queue';
import { SanctionHolds } from '@qinglang/sanctions';
import { MediaStore } from '@qinglang/storage';
import { ItemFacts, gatherFacts } from './item-facts';
import { RetentionClass, retentionVerdict } from './retention-verdict';
import { SweepLease } from './sweep-lease';
import { AUDITED_IDS_CAP, auditedItems } from './sweep-audit';
import { deleteEach } from './delete-each';

const DAY_MS = 86_400_000;
/** Long enough for a batch of deletions on a slow store; renewed before every item's deletions. */
const LEASE_MS = 10 * 60_000;
/** A pass runs full batches back to back for at most this long (real time), then leaves the rest to the next. */
const PASS_BUDGET_MS = 60_000;
/** An item whose media could not be deleted (a lock, a deny rule, EACCES) is tried again this much later. */
export const FAILED_RETRY_MS = DAY_MS;

export interface SweepReport {
  runId: string;
  /** Items whose media was deleted, by class, and what that took. */
  purged: Record<RetentionClass, number>;
  segments: number;
  posts: number;
  frames: number;
  files: number;
  bytes: number;
  /** Items looked at and kept (an open flag, a pending appeal, evidence within its period). */
  putOff: number;
  /** Items due whose media could not be deleted: put off by FAILED_RETRY_MS and listed in the audit entry. */
  failed: number;
  /** Items the run looked at: a full batch means more may be due. */
  looked: number;
}

/**
 * Deletes media whose time is up under the policy's `retention` (see retentionVerdict), in runs of at most
 * RETENTION_BATCH items: files first, through the media store (either driver), then, in one transaction, the items
 * and frames marked deleted and one audit entry for the run. A worker holds the sweep by a lease, checked before
 * each item's deletions, so two never act on one item; a run that dies after deleting files and before that
 * transaction is redone by the next (deleting a file that is gone does nothing), and only then audited. An item that
 * cannot be deleted is put off and named in the entry; the others are marked and audited all the same.
 */
@Injectable()
export class RetentionSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic = new PeriodicPass('RetentionSweep', () => this.drain());
  private readonly logger = new Logger('RetentionSweep');
  private readonly lease: SweepLease;
  /** One run at a time in this process too: the lease is per process, not per call. */
  private running = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policy: PolicyService,
    private readonly store: MediaStore,
    private readonly items: ItemMediaRetention,
    private readonly frames: FrameRetention,
    private readonly signals: SignalsService,
    private readonly flags: FlagHolds,
    private readonly sanctions: SanctionHolds,
    private readonly audit: AuditLog,
    private readonly metrics: MetricsService,
  ) {
    const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.lease = new SweepLease(dataSource, clock, owner, LEASE_MS);
  }

  onApplicationBootstrap(): void {
    if (this.config.role !== 'api' && this.config.retention.sweepMs > 0)
      this.periodic.start(this.config.retention.sweepMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /**
   * Runs after run while each finds a full batch (a backlog: thousands of streams' pieces a day), within the pass's
   * time budget; returns the items whose media it deleted.
   */
  async drain(budgetMs = PASS_BUDGET_MS): Promise<number> {
    const deadline = Date.now() + budgetMs;
    let deleted = 0;
    for (;;) {
      const report = await this.sweep();
      deleted += report ? report.segments + report.posts : 0;
      if (!report || report.looked < this.config.retention.batchSize || Date.now() >= deadline) return deleted;
    }
  }

  /** One run; null when another worker (or another call in this process) holds the sweep. */
  async sweep(): Promise<SweepReport | null> {
    if (this.running) return null;
    this.running = true;
    try {
      if (!(await this.lease.take())) return null;
      try {
        return await this.run();
      } finally {
        await this.lease.release();
      }
    } finally {
      this.running = false;
    }
  }

  private async run(): Promise<SweepReport> {
    const now = this.clock.now();
    const rules = this.policy.policy.retention;
    const report: SweepReport = {
      runId: newId(),
      purged: { benign: 0, unflagged: 0, evidence: 0 },
      segments: 0,
      posts: 0,
      frames: 0,
      files: 0,
      bytes: 0,
      putOff: 0,
      failed: 0,
      looked: 0,
    };
    const due = await this.items.due(
      now,
      new Date(now.getTime() - rules.benignDays * DAY_MS),
      this.config.retention.batchSize,
    );
    report.looked = due.length;
    if (!due.length) return report;
    const facts = await gatherFacts(due, this.policy.policy.categories, {
      frames: this.frames,
      signals: this.signals,
      flags: this.flags,
      sanctions: this.sanctions,
    });

    const expired: Array<{ item: RetainedItem; class: RetentionClass }> = [];
    const putOff: Array<{ kind: RetainedItem['kind']; id: string; reviewAt: Date }> = [];
    for (const item of due) {
      const verdict = retentionVerdict(facts.get(item.id)!, rules, now);
      if (verdict.purge) expired.push({ item, class: verdict.class });
      else putOff.push({ kind: item.kind, id: item.id, reviewAt: verdict.reviewAt });
    }
    await this.items.putOff(putOff);
    report.putOff = putOff.length;
    if (!expired.length) return report;

    // Still this worker's before each item's deletions: one stalled past its lease stops there (SweepLeaseLost), its
    // deletions so far unmarked, for the worker that took the sweep over to redo and audit.
    const outcome = await deleteEach(
      expired,
      () => this.lease.renew(),
      ({ item }) => this.deleteFiles(item, facts.get(item.id)!),
    );
    const deleted = outcome.deleted;
    const failures = outcome.failures.map(({ item: { item }, code }) => ({ kind: item.kind, id: item.id, code }));
    for (const failure of failures) this.logger.warn({ message: 'retention could not delete an item', ...failure });
    report.files = outcome.files;
    const retryAt = new Date(now.getTime() + FAILED_RETRY_MS);
    await this.items.putOff(failures.map(({ kind, id }) => ({ kind, id, reviewAt: retryAt })));
    report.failed = failures.length;
    await this.dataSource.transaction(async (manager) => {
      // Still this worker's: otherwise another took the sweep over and will mark (and audit) these itself.
      await this.lease.renew(manager);
      const items = deleted.map(({ item }) => ({ kind: item.kind, id: item.id }));
      await this.items.markPurged(manager, items, now);
      report.frames = await this.frames.markPurged(
        manager,
        items.map((i) => i.id),
        now,
      );
      for (const { item, class: itemClass } of deleted) {
        report.purged[itemClass]++;
        report[item.kind === 'segment' ? 'segments' : 'posts']++;
        report.bytes += item.bytes;
      }
      await this.audit.record(manager, {
        action: 'retention.swept',
        actor: { kind: 'system', id: 'retention-sweep' },
        subject: { kind: 'retention_run', id: report.runId },
        data: {
          policyVersion: this.policy.version,
          cutoffs: {
            benignFinishedBefore: new Date(now.getTime() - rules.benignDays * DAY_MS).toISOString(),
            evidenceDecidedBefore: new Date(now.getTime() - rules.complianceDays * DAY_MS).toISOString(),
          },
          deleted: {
            segments: report.segments,
            posts: report.posts,
            frames: report.frames,
            files: report.files,
            bytes: report.bytes,
          },
          byClass: report.purged,
          items: auditedItems(items),
          // Put off by FAILED_RETRY_MS: which, and why, by a code (never a path or address).
          failures: failures.slice(0, AUDITED_IDS_CAP),
          failureCount: failures.length,
        },
      });
    });
    for (const { item, class: itemClass } of deleted)
      this.metrics.retentionDeleted.inc({ kind: item.kind, class: itemClass });
    this.metrics.retentionDeleted.inc({ kind: 'frame', class: 'any' }, report.frames);
    this.logger.log({ message: 'retention sweep deleted media', ...report });
    return report;
  }

  /** Deletes an item's stored files and its frames' folders; returns how many files that was (at most). */
  private async deleteFiles(item: RetainedItem, facts: ItemFacts): Promise<number> {
    const files = [...item.files, ...facts.frameFiles];
    for (const file of files) await this.store.remove(file);
    let inFolders = 0;
    for (const folder of [...facts.frameFolders, ...item.folders]) inFolders += await this.store.removeFolder(folder);
    return files.length + inFolders;
  }
}
