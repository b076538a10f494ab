import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { MetricsService, PeriodicPass } from '@qinglang/operations';
import { JobHandlerRegistry, ReconcileCursor, StuckCutoffs, isReconcilable } from './job-handler.registry';
import { JobQueue } from './job-queue.service';
import { QUEUE_DRIVER, QueueDriver } from './queue-driver';
import { WorkerReadiness } from './worker-readiness';
import { withTimeout } from './with-timeout';

/** What the handlers return per call; a full page means there may be more. */
const RECONCILE_PAGE = 500;
const FOREVER: StuckCutoffs = { waiting: new Date(8.64e15), working: new Date(8.64e15) };

/**
 * Starts the queue workers in processes whose role runs them, and reconciles: any item that is not terminal
 * and has not moved for STUCK_AFTER_MS (a minute; longer while a job works on it) is enqueued again at its entry
 * job (every step is idempotent, job ids dedupe, and a finished job no longer holds its id: see the drivers).
 * This is what makes "nothing lost" hold when a process dies between committing a row and enqueueing its job.
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly reconciler = new PeriodicPass('Reconciler', () => this.reconcile());
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    private readonly registry: JobHandlerRegistry,
    private readonly readiness: WorkerReadiness,
    private readonly jobs: JobQueue,
    metrics: MetricsService,
  ) {
    // Bounded like /health: with Redis away, /metrics answers without the job counts rather than hangs.
    metrics.setJobCountSource(() => withTimeout(this.driver.counts(), 1500, 'Redis'));
  }

  get runsWorkers(): boolean {
    return this.config.role !== 'api';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorkers) return;
    this.registry.resolve();
    // On Redis a job holds a lock that a worker busy loading its models would lose (and the job run twice), so a
    // worker takes jobs only once its models are ready. The embedded process (in-process queue, no locks) starts
    // at once and its first frames wait for the model; a process that also serves the API listens meanwhile.
    if (this.driver.name === 'in-process') return this.start([]);
    if (this.config.role === 'worker') return this.start(await this.readiness.ready());
    void this.startWhenReady();
  }

  /** The API and workers in one process on Redis: the API serves meanwhile; a failed load is tried again. */
  private async startWhenReady(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        return await this.start(await this.readiness.ready());
      } catch (error) {
        this.logger.error({ message: 'workers not started; trying again', attempt, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, Math.min(60_000, 5000 * attempt)).unref());
      }
    }
  }

  private async start(ready: string[]): Promise<void> {
    if (this.stopped) return;
    await this.driver.startWorkers(this.registry.run, {
      media: this.config.mediaConcurrency,
      // Two jobs per analysis thread: one thread's batch is scored while the other job writes its rows.
      classify: Math.max(1, 2 * this.config.ml.workers),
      text: 2,
      flag: 2,
    });
    // Shut down while the workers were starting: they stop again, and no reconciler is left running.
    if (this.stopped) return void (await this.driver.close());
    // In-process jobs died with the last process, so everything unfinished is re-enqueued now; on BullMQ what is
    // past its stage's deadline (its own stalled-job check covers a worker that died mid-job).
    await this.reconcile(this.driver.name === 'in-process' ? FOREVER : this.cutoffs());
    this.reconciler.start(Math.min(15_000, Math.max(1000, this.config.stuckAfterMs / 4)));
    this.logger.log({ message: 'workers started', driver: this.driver.name, ready });
  }

  /** Waiting for a job: STUCK_AFTER_MS; worked on by one: half as long again (its job may take minutes). */
  private cutoffs(now = Date.now()): StuckCutoffs {
    return {
      waiting: new Date(now - this.config.stuckAfterMs),
      working: new Date(now - this.config.stuckAfterMs * 1.5),
    };
  }

  /**
   * Enqueues every stuck item again, page by page (oldest first), as its platform's. Each enqueue is bounded: with
   * Redis away a pass ends instead of waiting, and the next pass (never two at once) tries again.
   */
  async reconcile(cutoffs: StuckCutoffs = this.cutoffs()): Promise<number> {
    let count = 0;
    try {
      for (const [name, handler] of this.registry.resolve()) {
        if (!isReconcilable(handler)) continue;
        let after: ReconcileCursor | undefined;
        for (;;) {
          const page = await handler.findUnfinished(cutoffs, after);
          for (const item of page) {
            await this.jobs.redrive(name, item.payload, item.tenant);
            count++;
          }
          if (page.length < RECONCILE_PAGE || this.stopped) break;
          after = page[page.length - 1].cursor;
        }
      }
    } catch (error) {
      this.logger.error({ message: 'reconcile failed', error: String(error) });
    }
    if (count) this.logger.log({ message: 'reconciled unfinished items', count });
    return count;
  }

  async onApplicationShutdown(): Promise<void> {
    // A start still loading models is not waited for: it sees `stopped` and takes no jobs.
    this.stopped = true;
    await this.reconciler.stop();
    await this.driver.close();
  }
}
