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
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void>;
  startWorkers(runner: JobRunner, concurrency: Partial<Record<QueueName, number>>): Promise<void>;
  counts(): Promise<JobCounts>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
