import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { AppConfig } from '@qinglang/config';
import { QUEUE_NAMES, QueueName } from './job-map';
import { QUEUE_DRIVER } from './queue-driver';
import { InProcessQueueDriver } from './in-process.driver';
import { BullmqQueueDriver } from './bullmq.driver';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobQueue } from './job-queue.service';
import { WorkerService } from './worker.service';
import { WorkerReadiness } from './worker-readiness';

@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const common = [JobHandlerRegistry, JobQueue, WorkerService, WorkerReadiness];
    const exports = [QUEUE_DRIVER, JobQueue, WorkerService, WorkerReadiness];
    if (config.queue.driver === 'in-process') {
      return {
        module: QueueModule,
        imports: [DiscoveryModule],
        providers: [...common, { provide: QUEUE_DRIVER, useValue: new InProcessQueueDriver() }],
        exports,
      };
    }
    const { url, prefix } = config.queue;
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        // maxRetriesPerRequest: null is what BullMQ workers require of their connection.
        BullModule.forRoot({ connection: { url, maxRetriesPerRequest: null }, prefix }),
        BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
      ],
      providers: [
        ...common,
        {
          provide: QUEUE_DRIVER,
          inject: QUEUE_NAMES.map((name) => getQueueToken(name)),
          useFactory: (...queues: Queue[]) =>
            new BullmqQueueDriver(
              Object.fromEntries(QUEUE_NAMES.map((name, i) => [name, queues[i]])) as Record<QueueName, Queue>,
              {
                lockDurationMs: config.queueLockMs,
              },
            ),
        },
      ],
      exports,
    };
  }
}
