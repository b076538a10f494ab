import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { withTimeout } from './with-timeout';
import type { JobName, JobPayloads } from './job-map';
import { EnqueueOptions, QUEUE_DRIVER, QueueDriver } from './queue-driver';
import { currentTenant, isRedriving } from './tenant-context';

/** BullMQ priorities used: 1 (nothing queued) to this (a backlog); see measureTenantsWith. */
const PRIORITY_LEVELS = 16;

/** What the rest of the code uses to hand work on: a typed enqueue and nothing else. */
@Injectable()
export class JobQueue {
  private readonly logger = new Logger('JobQueue');
  private queuedItems?: (tenant: string) => Promise<number>;

  constructor(
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * For the first job of an item just committed: the row is the promise, so if the queue is down the platform
   * still gets its 202 and the reconciler enqueues the item later.
   */
  async enqueueAccepted<N extends JobName>(name: N, payload: JobPayloads[N], tenant: string): Promise<void> {
    // Bounded: while Redis is away its client queues commands without end, and the platform must not wait on that.
    const enqueue = async () => this.driver.enqueue(name, payload, await this.optionsFor(tenant));
    await withTimeout(enqueue(), this.config.enqueueTimeoutMs, 'the queue').catch((error) =>
      this.logger.error({
        message: 'enqueue failed; the reconciler will enqueue the item',
        job: name,
        payload,
        error: String(error),
      }),
    );
  }

  /**
   * A job handing an item on; it is the platform's whose job is running (tenant-context) unless told otherwise,
   * and a re-drive when that job is one.
   */
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], tenant = currentTenant()): Promise<void> {
    return this.driver.enqueue(name, payload, { ...(await this.optionsFor(tenant)), redrive: isRedriving() });
  }

  /** The reconciler's: stuck work enqueued again, even where a finished or failed job holds its id. */
  async redrive<N extends JobName>(name: N, payload: JobPayloads[N], tenant: string): Promise<void> {
    const enqueue = async () =>
      this.driver.enqueue(name, payload, { ...(await this.optionsFor(tenant)), redrive: true });
    await withTimeout(enqueue(), this.config.enqueueTimeoutMs, 'the queue');
  }

  /**
   * Fair scheduling on BullMQ: a job's priority is 1 + the platform's unfinished items, up to PRIORITY_LEVELS, so a
   * platform with little queued goes before one with a backlog, and platforms with backlogs share the last level
   * in arrival order (a platform's own jobs are never held back for long by its later ones). The in-process
   * driver takes platforms in turn instead and needs no count.
   */
  measureTenantsWith(queuedItems: (tenant: string) => Promise<number>): void {
    this.queuedItems = queuedItems;
  }

  private async optionsFor(tenant: string | undefined): Promise<EnqueueOptions> {
    if (!tenant || this.driver.name !== 'bullmq' || !this.queuedItems) return { tenant };
    const queued = await this.queuedItems(tenant).catch(() => 0);
    return { tenant, priority: 1 + Math.min(queued, PRIORITY_LEVELS - 1) };
  }
}
