import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { MetricsService } from '@qinglang/operations';
import { JobHandlerRegistry, isReconcilable } from './job-handler.registry';
import { QUEUE_DRIVER, QueueDriver } from './queue-driver';

/**
 * Starts the queue workers in processes whose role runs them, and reconciles: any item that is not terminal
 * and has not moved for a while is enqueued again at its entry job (every step is idempotent, job ids dedupe).
 * This is what makes "nothing lost" hold when a process dies between committing a row and enqueueing its job.
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    private readonly registry: JobHandlerRegistry,
    metrics: MetricsService,
  ) {
    metrics.setJobCountSource(() => this.driver.counts());
  }

  get runsWorkers(): boolean {
    return this.config.role !== 'api';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorkers) return;
    this.registry.resolve();
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
      Math.max(1000, this.config.stuckAfterMs / 2),
    );
    this.timer.unref();
    this.logger.log({ message: 'workers started', driver: this.driver.name });
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
    if (this.timer) clearInterval(this.timer);
    await this.driver.close();
  }
}
