import { Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { JOBS, JobName, JobPayloads, QUEUE_NAMES, QueueName, jobId } from './job-map';
import type { EnqueueOptions, JobCounts, JobRunner, QueueDriver } from './queue-driver';
import { runAsTenant } from './tenant-context';

const TENANT_KEY = '_tenant';
/** BullMQ's lowest priority. */
const PRIORITY_LIMIT = 2 ** 21 - 1;
type StoredPayload = JobPayloads[JobName] & { [TENANT_KEY]?: string };

export interface BullmqDriverOptions {
  lockDurationMs: number;
}

/**
 * Queues on Redis. Queues come from @nestjs/bullmq (BullModule.registerQueue); workers are created here because
 * their handlers are resolved from the job map at boot rather than fixed by decorators.
 */
export class BullmqQueueDriver implements QueueDriver {
  readonly name = 'bullmq' as const;
  private readonly logger = new Logger('BullmqQueue');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly queues: Record<QueueName, Queue>,
    private readonly options: BullmqDriverOptions,
  ) {}

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    const definition = JOBS[name];
    const queue = this.queues[definition.queue];
    const id = jobId(name, payload);
    await this.clearFinished(queue, id);
    // The tenant rides in the job's data (payloads are ids only, and it is not one of them); see startWorkers.
    const data: StoredPayload = options.tenant ? { ...payload, [TENANT_KEY]: options.tenant } : payload;
    await queue.add(name, data, {
      ...definition.options,
      ...(options.priority ? { priority: Math.min(PRIORITY_LIMIT, Math.max(1, Math.round(options.priority))) } : {}),
      jobId: id,
      // Forget finished jobs after a while; the database row, not the job, is the record of the work.
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  /**
   * A job kept as completed or failed still holds its id, and BullMQ ignores an add under a held id: an item whose
   * job spent its retries while the database was down could then never be driven again. Work is enqueued again
   * only when it is still to do (the reconciler, a stage handing on), so a finished job under the id is removed
   * first; a job waiting, delayed or running keeps it, and the add is the no-op that dedupes.
   */
  private async clearFinished(queue: Queue, id: string): Promise<void> {
    const earlier = await queue.getJob(id);
    if (!earlier) return;
    const state = await earlier.getState();
    if (state === 'completed' || state === 'failed') await earlier.remove().catch(() => undefined);
  }

  async startWorkers(runner: JobRunner, concurrency: Partial<Record<QueueName, number>>): Promise<void> {
    for (const queueName of QUEUE_NAMES) {
      const queue = this.queues[queueName];
      const worker = new Worker(
        queueName,
        async (job: Job) => {
          const { [TENANT_KEY]: tenant, ...payload } = job.data as StoredPayload;
          return runAsTenant(tenant, () =>
            runner(job.name as JobName, payload, {
              made: job.attemptsMade,
              max: job.opts.attempts ?? 1,
            }),
          );
        },
        {
          connection: queue.opts.connection,
          prefix: queue.opts.prefix,
          concurrency: concurrency[queueName] ?? 1,
          lockDuration: this.options.lockDurationMs,
          stalledInterval: Math.max(1000, Math.floor(this.options.lockDurationMs / 2)),
          // A job whose worker died is retried; only a job that kills workers again and again ends as failed.
          maxStalledCount: 3,
        },
      );
      worker.on('error', (error) =>
        this.logger.error({ message: 'worker error', queue: queueName, error: String(error) }),
      );
      worker.on('failed', (job, error) =>
        this.logger.warn({
          message: 'job attempt failed',
          job: job?.id,
          attemptsMade: job?.attemptsMade,
          error: String(error),
        }),
      );
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  async counts(): Promise<JobCounts> {
    const result = {} as JobCounts;
    for (const name of QUEUE_NAMES) {
      result[name] = await this.queues[name].getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    }
    return result;
  }

  async ping(): Promise<void> {
    // Any round trip to Redis will do; job counts also prove the queue's keys are readable.
    await this.queues.media.getJobCounts('waiting');
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
