import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { withTimeout } from './with-timeout';
import type { JobName, JobPayloads } from './job-map';
import { QUEUE_DRIVER, QueueDriver } from './queue-driver';

/** What the rest of the code uses to hand work on: a typed enqueue and nothing else. */
@Injectable()
export class JobQueue {
  private readonly logger = new Logger('JobQueue');

  constructor(
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * For the first job of an item just committed: the row is the promise, so if the queue is down the platform
   * still gets its 202 and the reconciler enqueues the item later.
   */
  async enqueueAccepted<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    // Bounded: while Redis is away its client queues commands without end, and the platform must not wait on that.
    await withTimeout(this.driver.enqueue(name, payload), this.config.enqueueTimeoutMs).catch((error) =>
      this.logger.error({
        message: 'enqueue failed; the reconciler will enqueue the item',
        job: name,
        payload,
        error: String(error),
      }),
    );
  }

  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    return this.driver.enqueue(name, payload);
  }
}
