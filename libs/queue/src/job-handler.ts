import { SetMetadata } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { JobName, JobPayloads } from './job-map';

export const JOB_HANDLER = 'qinglang:job-handler';

/** Marks a provider as the one handler of a job name; the registry checks at boot that each job has exactly one. */
export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);

export interface JobHandler<N extends JobName = JobName> {
  /** Does the work; must be safe to run again after a crash at any point. */
  handle(payload: JobPayloads[N]): Promise<void>;
  /** Records on the item that it failed for good (no retry left, or an error no retry can fix). */
  onFailed(payload: JobPayloads[N], failure: JobFailure): Promise<void>;
}

export interface JobFailure {
  code: string;
  reason: string;
}

/**
 * An error that no retry can fix (a corrupt file, an unsupported format): the job ends at once and the item is
 * marked failed with this code and reason. Extends BullMQ's UnrecoverableError so BullMQ skips its retries too.
 */
export class PermanentJobError extends UnrecoverableError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnrecoverableError';
  }
}

export function describeFailure(error: unknown): JobFailure {
  if (error instanceof PermanentJobError) return { code: error.code, reason: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'processing_error', reason: message.slice(0, 1000) };
}

export function isPermanent(error: unknown): boolean {
  return error instanceof UnrecoverableError;
}
