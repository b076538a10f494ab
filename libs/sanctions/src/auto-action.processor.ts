import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, JobPayloads } from '@qinglang/queue';
import { SanctionEngine } from './sanction-engine.service';

/**
 * Interrupts a live stream whose flag passed its category's auto-action threshold, before any review. The flag
 * stays in the review queue; a rejection lifts the interruption. Re-running does nothing (one per flag).
 */
@Injectable()
@HandlesJob('flag.auto-action')
export class AutoActionProcessor implements JobHandler<'flag.auto-action'> {
  constructor(private readonly engine: SanctionEngine) {}

  async handle({ flagId }: JobPayloads['flag.auto-action']): Promise<void> {
    await this.engine.interrupt(flagId);
  }

  // No item to fail: the flag is still in the review queue, where a reviewer decides it either way.
  async onFailed(): Promise<void> {}
}
