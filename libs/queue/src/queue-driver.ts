import type { JobName, JobPayloads, QueueName } from './job-map';

export const QUEUE_DRIVER = Symbol('QUEUE_DRIVER');

/** Runs one job; given by the registry to the driver, which owns retries, backoff and concurrency. */
export type JobRunner = (
  name: JobName,
  payload: JobPayloads[JobName],
  attempt: { made: number; max: number },
) => Promise<void>;

export type JobCounts = Record<QueueName, Record<string, number>>;

/** The queue behind a small interface: BullMQ on Redis in production, in-process for the embedded default. */
export interface QueueDriver {
  readonly name: 'bullmq' | 'in-process';
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<void>;
  startWorkers(runner: JobRunner, concurrency: Partial<Record<QueueName, number>>): Promise<void>;
  counts(): Promise<JobCounts>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Whose work a job is, for fair scheduling between platforms. */
export interface EnqueueOptions {
  /** The platform; the job runs as it (see tenant-context), so what it enqueues is that platform's too. */
  tenant?: string;
  /** On BullMQ: 1 for a platform with nothing queued, more the more it has (lower runs first). */
  priority?: number;
  /**
   * Work the reconciler found stuck, or handed on by such work: a finished or failed job under the same id is
   * removed first, so the work runs again. Otherwise an id held by a finished job dedupes, as BullMQ does.
   */
  redrive?: boolean;
}
