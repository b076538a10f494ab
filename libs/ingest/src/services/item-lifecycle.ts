import { withoutServerPaths } from '@qinglang/operations';
import { In, LessThan, Not, Repository } from 'typeorm';
import type { Clock } from '@qinglang/config';
import { ApiError } from '@qinglang/operations';
import { HANDOFF_STAGES, ItemStage, TERMINAL_STAGES, WORKING_STAGES } from '../entities/item-status';

/** How much longer than a waiting item a worked-on one may go without moving before the reconciler re-drives it. */
const WORKING_GRACE_MS = 60_000;
import type { TrackedItem } from '../entities/tracked-item';

/** The lifecycle columns of an item just accepted: queued, nothing failed, not finished. */
export const acceptedLifecycle = (now: Date) => ({
  stage: 'queued' as const,
  failureCode: null,
  failureReason: null,
  createdAt: now,
  updatedAt: now,
  finishedAt: null,
});

/** One stage of a staged processor. */
export interface ItemStageWork<T> {
  /** The item is handled at these stages (`unfinished`: any stage before a terminal one). */
  from: ItemStage[] | 'unfinished';
  /** At these stages the work is still to be done; at the others of `from` only the hand-off remains. */
  pending: ItemStage[];
  /** The stage the item holds while the work runs, if any. */
  working?: ItemStage;
  /** The stage the item reaches when the work is done. */
  done: ItemStage;
  /** The work; what it returns is stored with the `done` stage. */
  work: (item: T) => Promise<Partial<T> | void>;
}

/**
 * The state machine every accepted item shares (segment, post, text batch, tip batch): stages only move
 * forward, a terminal stage is never left, and a failure always carries a code and a reason.
 */
export class ItemLifecycle<T extends TrackedItem> {
  constructor(
    private readonly repository: Repository<T>,
    private readonly notFoundCode: string,
    private readonly clock: Clock,
  ) {}

  get(id: string): Promise<T | null> {
    return this.repository.findOneBy({ id } as never);
  }

  /** Loads an item of this platform; another platform's id is indistinguishable from a missing one. */
  async getForPlatform(platformId: string, id: string): Promise<T> {
    const item = await this.repository.findOneBy({ id, platformId } as never);
    if (!item) throw new ApiError(404, this.notFoundCode, `No such item: ${id}`);
    return item;
  }

  /** Moves a non-terminal item to `stage`; returns false if it had already finished. */
  async advance(id: string, stage: ItemStage, extra: Partial<T> = {}): Promise<boolean> {
    const now = this.clock.now();
    const finished = TERMINAL_STAGES.includes(stage) ? { finishedAt: now } : {};
    const result = await this.repository.update(
      { id, stage: Not(In(TERMINAL_STAGES)) } as never,
      { ...extra, stage, updatedAt: now, ...finished } as never,
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * The skeleton every staged processor shares. Returns the item when the next hop should be enqueued, also
   * when a crash came between the work and that enqueue (job ids make a second enqueue a no-op); null when there
   * is nothing to do (gone, finished, or not at a stage this processor handles).
   */
  async runStage(id: string, stage: ItemStageWork<T>): Promise<T | null> {
    const item = await this.get(id);
    if (!item) return null;
    const handled =
      stage.from === 'unfinished' ? !TERMINAL_STAGES.includes(item.stage) : stage.from.includes(item.stage);
    if (!handled) return null;
    if (stage.pending.includes(item.stage)) {
      if (stage.working) await this.advance(id, stage.working);
      const result = (await stage.work(item)) ?? {};
      await this.advance(id, stage.done, result);
    }
    return item;
  }

  fail(id: string, code: string, reason: string): Promise<boolean> {
    // Failures come from ffmpeg and drivers and name files; the API shows them, the server's layout it must not.
    return this.advance(id, 'failed', {
      failureCode: code,
      failureReason: withoutServerPaths(reason).slice(0, 1000),
    } as Partial<T>);
  }

  /**
   * Items stuck short of a terminal stage: waiting for a job since before `updatedBefore`, or worked on since a
   * minute before that (see WORKING_STAGES). Re-enqueuing one whose job is still waiting or running is a no-op.
   */
  async unfinished(updatedBefore: Date, limit = 500): Promise<T[]> {
    const workingBefore = new Date(updatedBefore.getTime() - WORKING_GRACE_MS);
    return this.repository.find({
      where: [
        { stage: In(HANDOFF_STAGES), updatedAt: LessThan(updatedBefore) },
        { stage: In(WORKING_STAGES), updatedAt: LessThan(workingBefore) },
      ] as never,
      order: { updatedAt: 'ASC' } as never,
      take: limit,
    });
  }
}

// Kept here for the modules that import it from ingest; it lives in persistence.
export { isUniqueViolation } from '@qinglang/persistence';
