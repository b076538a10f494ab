import { Inject, Injectable } from '@nestjs/common';
import type { JobName, JobPayloads } from './job-map';
import { QUEUE_DRIVER, QueueDriver } from './queue-driver';

/** What the rest of the code uses to hand work on: a typed enqueue and nothing else. */
@Injectable()
export class JobQueue {
  constructor(@Inject(QUEUE_DRIVER) private readonly driver: QueueDriver) {}

  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    return this.driver.enqueue(name, payload);
  }
}
