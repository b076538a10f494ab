import { Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { JOBS, JobName, JobPayloads, QUEUE_NAMES, QueueName, jobId } from './job-map';
import type { EnqueueOptions, JobCounts, JobRunner, QueueDriver } from './queue-driver';
import { JobContext, runAsJob } from './tenant-context';

const CONTEXT_KEY = '_context';
/** BullMQ's lowest priority. */
const PRIORITY_LIMIT = 2 ** 21 - 1;
type StoredPayload = JobPayloads[JobName] & { [CONTEXT_KEY]?: JobContext };

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
    if (options.redrive) await this.clearFinished(queue, id);
    // Who the job is for rides in its data (payloads are ids only, and it is not one of them); see startWorkers.
    const data: StoredPayload = { ...payload, [CONTEXT_KEY]: { tenant: options.tenant, redrive: options.redrive } };
    // Every job is prioritised: BullMQ takes jobs without a priority before all others, which would let work of no
    // known platform jump the fair schedule.
    const priority = Math.min(PRIORITY_LIMIT, Math.max(1, Math.round(options.priority ?? PRIORITY_LIMIT)));
    await queue.add(name, data, {
      ...definition.options,
      priority,
      jobId: id,
      // Forget finished jobs after a while; the database row, not the job, is the record of the work.
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  /**
   * A job kept as completed or failed still holds its id, and BullMQ ignores an add under a held id: an item whose
   * job spent its retries while the database was down could then never be driven again. So work the reconciler
   * re-drives (and what that work hands on) removes a finished job under its id first; a job waiting, delayed or
   * running keeps it, and the add is the no-op that dedupes. Ordinary hand-ons leave finished jobs be, so a job
   * done once in the last hour (an auto-action) is not run again by every later hop.
   */
  private async clearFinished(queue: Queue, id: string): Promise<void> {
    const earlier = await queue.getJob(id);
    if (!earlier) return;
    const state = await earlier.getState();
    // `unknown`: the job's hash is there but it is in no list (a half-removed job); it holds the id all the same.
    if (state === 'completed' || state === 'failed' || state === 'unknown')
      await earlier.remove().catch(() => undefined);
  }

  async startWorkers(runner: JobRunner, concurrency: Partial<Record<QueueName, number>>): Promise<void> {
    for (const queueName of QUEUE_NAMES) {
      const queue = this.queues[queueName];
      const worker = new Worker(
        queueName,
        async (job: Job) => {
          const { [CONTEXT_KEY]: context, ...payload } = job.data as StoredPayload;
          return runAsJob(context ?? {}, () =>
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
      result[name] = await this.queues[name].getJobCounts(
        'waiting',
        'prioritized',
        'active',
        'delayed',
        'completed',
        'failed',
      );
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
