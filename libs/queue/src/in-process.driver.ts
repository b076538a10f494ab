import { Logger } from '@nestjs/common';
import { JOBS, JobName, JobPayloads, QUEUE_NAMES, QueueName, jobId } from './job-map';
import { isPermanent } from './job-handler';
import type { EnqueueOptions, JobCounts, JobRunner, QueueDriver } from './queue-driver';
import { runAsJob } from './tenant-context';
import { TenantRoundRobin } from './tenant-round-robin';

interface PendingJob {
  id: string;
  name: JobName;
  payload: JobPayloads[JobName];
  attemptsMade: number;
  tenant?: string;
  redrive?: boolean;
}

interface LocalQueue {
  /** One lane per platform, taken in turn: a platform's backlog does not hold another's jobs back. */
  waiting: TenantRoundRobin<PendingJob>;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
  concurrency: number;
}

/**
 * The embedded queue: same job names, options and processors as BullMQ, kept in memory. Jobs lost with the
 * process are not lost work: every item's state is in the database, and the reconciler re-enqueues items that
 * are not terminal when the process starts again.
 */
export class InProcessQueueDriver implements QueueDriver {
  readonly name = 'in-process' as const;
  private readonly logger = new Logger('InProcessQueue');
  private readonly queues = new Map<QueueName, LocalQueue>(
    QUEUE_NAMES.map((queue) => [
      queue,
      { waiting: new TenantRoundRobin<PendingJob>(), active: 0, delayed: 0, completed: 0, failed: 0, concurrency: 1 },
    ]),
  );
  /** Ids of jobs waiting, delayed or running: enqueuing one of them again is a no-op, as in BullMQ. */
  private readonly live = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private runner?: JobRunner;
  private closed = false;

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    const id = jobId(name, payload);
    if (this.live.has(id) || this.closed) return;
    this.live.add(id);
    const job = { id, name, payload, attemptsMade: 0, tenant: options.tenant, redrive: options.redrive };
    this.queue(name).waiting.push(options.tenant, job);
    this.pump(JOBS[name].queue);
  }

  async startWorkers(runner: JobRunner, concurrency: Partial<Record<QueueName, number>>): Promise<void> {
    this.runner = runner;
    for (const [queue, value] of Object.entries(concurrency))
      this.queues.get(queue as QueueName)!.concurrency = value ?? 1;
    for (const queue of QUEUE_NAMES) this.pump(queue);
  }

  async counts(): Promise<JobCounts> {
    const result = {} as JobCounts;
    for (const [name, q] of this.queues) {
      result[name] = {
        waiting: q.waiting.length,
        active: q.active,
        delayed: q.delayed,
        completed: q.completed,
        failed: q.failed,
      };
    }
    return result;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private queue(name: JobName): LocalQueue {
    return this.queues.get(JOBS[name].queue)!;
  }

  private pump(queueName: QueueName): void {
    const q = this.queues.get(queueName)!;
    while (this.runner && !this.closed && q.active < q.concurrency && q.waiting.length) {
      const job = q.waiting.shift()!;
      q.active++;
      void this.run(q, job).finally(() => {
        q.active--;
        this.pump(queueName);
      });
    }
  }

  private async run(q: LocalQueue, job: PendingJob): Promise<void> {
    const { attempts = 1, backoff } = JOBS[job.name].options;
    try {
      await runAsJob({ tenant: job.tenant, redrive: job.redrive }, () =>
        this.runner!(job.name, job.payload, { made: job.attemptsMade, max: attempts }),
      );
      q.completed++;
      this.live.delete(job.id);
    } catch (error) {
      job.attemptsMade++;
      if (isPermanent(error) || job.attemptsMade >= attempts || this.closed) {
        q.failed++;
        this.live.delete(job.id);
        this.logger.warn({ message: 'job failed', job: job.id, attempts: job.attemptsMade, error: String(error) });
        return;
      }
      this.logger.debug({
        message: 'job attempt failed; will retry',
        job: job.id,
        attempts: job.attemptsMade,
        error: String(error),
      });
      const base = typeof backoff === 'object' ? (backoff.delay ?? 1000) : (backoff ?? 1000);
      const delay = base * 2 ** (job.attemptsMade - 1);
      q.delayed++;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        q.delayed--;
        q.waiting.push(job.tenant, job);
        this.pump(JOBS[job.name].queue);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    }
  }
}
