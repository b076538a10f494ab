import { AsyncLocalStorage } from 'node:async_hooks';

/** Who a running job works for, and whether it re-drives work the reconciler found stuck. */
export interface JobContext {
  tenant?: string;
  redrive?: boolean;
}

const contexts = new AsyncLocalStorage<JobContext>();

/**
 * The platform whose work is running: set by the drivers around each job, so the jobs it enqueues (a sampled
 * segment's classify, a batch's flag hop) are that platform's too, without every stage passing it along.
 */
export function currentTenant(): string | undefined {
  return contexts.getStore()?.tenant;
}

/** True inside a job the reconciler re-drove (and the jobs it hands on): their ids may be held by finished jobs. */
export function isRedriving(): boolean {
  return contexts.getStore()?.redrive === true;
}

export function runAsJob<T>(context: JobContext, work: () => T): T {
  return contexts.run(context, work);
}
