import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { MetricsService } from '@qinglang/operations';
import { JobHandlerRegistry, isReconcilable } from './job-handler.registry';
import { QUEUE_DRIVER, QueueDriver } from './queue-driver';
import { WorkerReadiness } from './worker-readiness';
import { withTimeout } from './with-timeout';

/**
 * Starts the queue workers in processes whose role runs them, and reconciles: any item that is not terminal
 * and has not moved for STUCK_AFTER_MS (a minute; longer while a job works on it) is enqueued again at its entry
 * job (every step is idempotent, job ids dedupe, and a finished job no longer holds its id: see the drivers).
 * This is what makes "nothing lost" hold when a process dies between committing a row and enqueueing its job.
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private timer?: NodeJS.Timeout;
  private starting?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    private readonly registry: JobHandlerRegistry,
    private readonly readiness: WorkerReadiness,
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
    this.starting = this.readiness
      .ready()
      .then((ready) => this.start(ready))
      .catch((error: unknown) =>
        this.logger.error({ message: 'workers not started; taking no jobs', error: String(error) }),
      );
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
    // In-process jobs died with the last process, so everything unfinished is re-enqueued now; on BullMQ only
    // what has not moved for STUCK_AFTER_MS (its own stalled-job check covers a worker that died mid-job).
    await this.reconcile(
      this.driver.name === 'in-process' ? new Date(8.64e15) : new Date(Date.now() - this.config.stuckAfterMs),
    );
    this.timer = setInterval(
      () => void this.reconcile(new Date(Date.now() - this.config.stuckAfterMs)),
      Math.min(30_000, Math.max(1000, this.config.stuckAfterMs / 2)),
    );
    this.timer.unref();
    this.logger.log({ message: 'workers started', driver: this.driver.name, ready });
  }

  async reconcile(updatedBefore: Date): Promise<number> {
    let count = 0;
    try {
      for (const [name, handler] of this.registry.resolve()) {
        if (!isReconcilable(handler)) continue;
        for (const payload of await handler.findUnfinished(updatedBefore)) {
          await this.driver.enqueue(name, payload);
          count++;
        }
      }
    } catch (error) {
      this.logger.error({ message: 'reconcile failed', error: String(error) });
    }
    if (count) this.logger.log({ message: 'reconciled unfinished items', count });
    return count;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.starting;
    if (this.timer) clearInterval(this.timer);
    await this.driver.close();
  }
}
