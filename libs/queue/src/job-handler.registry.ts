import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JOB_NAMES, JobName, JobPayloads } from './job-map';
import { JOB_HANDLER, JobHandler, describeFailure, isPermanent } from './job-handler';
import type { JobRunner } from './queue-driver';

/** Items not moved since: `waiting` for those waiting for a job, `working` for those a job works on. */
export interface StuckCutoffs {
  waiting: Date;
  working: Date;
}

/** Where a page of stuck items ended: the next page starts after it (oldest first). */
export interface ReconcileCursor {
  updatedAt: Date;
  id: string;
}

export interface UnfinishedItem<N extends JobName = JobName> {
  payload: JobPayloads[N];
  /** The item's platform: its re-driven jobs keep their place in the fair schedule. */
  tenant: string;
  cursor: ReconcileCursor;
}

/** Entry jobs re-enter an item's pipeline; the reconciler asks them, page by page, which items are stuck. */
export interface ReconcilableJobHandler<N extends JobName = JobName> extends JobHandler<N> {
  findUnfinished(cutoffs: StuckCutoffs, after?: ReconcileCursor): Promise<UnfinishedItem<N>[]>;
}

export function isReconcilable(handler: JobHandler): handler is ReconcilableJobHandler {
  return typeof (handler as ReconcilableJobHandler).findUnfinished === 'function';
}

/** Finds the @HandlesJob providers and checks the job map against them: one handler per job, no more, no less. */
@Injectable()
export class JobHandlerRegistry {
  private readonly logger = new Logger('JobHandlerRegistry');
  private handlers?: Map<JobName, JobHandler>;

  constructor(private readonly discovery: DiscoveryService) {}

  resolve(): Map<JobName, JobHandler> {
    if (this.handlers) return this.handlers;
    const found = new Map<JobName, JobHandler[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const name = wrapper.metatype && (Reflect.getMetadata(JOB_HANDLER, wrapper.metatype) as JobName | undefined);
      if (!name || !wrapper.instance) continue;
      found.set(name, [...(found.get(name) ?? []), wrapper.instance as JobHandler]);
    }
    const problems: string[] = [];
    for (const name of JOB_NAMES) {
      const count = found.get(name)?.length ?? 0;
      if (count !== 1) problems.push(`${name} has ${count} handlers`);
    }
    for (const name of found.keys())
      if (!JOB_NAMES.includes(name)) problems.push(`${name} is handled but not in the job map`);
    if (problems.length) throw new Error(`Job map and handlers disagree: ${problems.join('; ')}`);
    this.handlers = new Map([...found].map(([name, list]) => [name, list[0]]));
    return this.handlers;
  }

  /** Runs a job; on its last attempt, or on an error no retry can fix, records the failure on the item first. */
  readonly run: JobRunner = async (name, payload, attempt) => {
    const handler = this.resolve().get(name);
    if (!handler) throw new Error(`No handler for job ${name}`);
    try {
      await handler.handle(payload);
    } catch (error) {
      if (isPermanent(error) || attempt.made + 1 >= attempt.max) {
        // Recording the failure must not hide the error from the queue: it is rethrown either way.
        await handler
          .onFailed(payload, describeFailure(error))
          .catch((recordError) =>
            this.logger.error({ message: 'could not record job failure', job: name, error: String(recordError) }),
          );
      }
      throw error;
    }
  };
}
