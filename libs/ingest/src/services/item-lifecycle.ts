import { withoutServerPaths } from '@qinglang/operations';
import { Brackets, In, Not, Repository } from 'typeorm';
import type { ReconcileCursor, StuckCutoffs } from '@qinglang/queue';
import type { Clock } from '@qinglang/config';
import { ApiError } from '@qinglang/operations';
import { HANDOFF_STAGES, ItemStage, TERMINAL_STAGES, WORKING_STAGES } from '../entities/item-status';

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
   * A page of items stuck short of a terminal stage, oldest first: waiting for a job since before
   * `cutoffs.waiting`, or worked on since before `cutoffs.working`, after `after` in (updatedAt, id) order, as the
   * reconciler re-drives them: `payloadOf` gives the entry job's payload. Re-enqueuing an item whose job is still
   * waiting or running is a no-op, so an item stuck behind such items is still reached, on a later page.
   */
  async stuck<P>(
    cutoffs: StuckCutoffs,
    after: ReconcileCursor | undefined,
    payloadOf: (item: T) => P,
    limit = 500,
  ): Promise<Array<{ payload: P; tenant: string; cursor: ReconcileCursor }>> {
    // Instants are epoch milliseconds; query builders skip the column transformer, so the bounds are numbers.
    const query = this.repository
      .createQueryBuilder('i')
      .where(
        new Brackets((stages) =>
          stages
            .where('(i.stage IN (:...waitingStages) AND i.updatedAt < :waiting)', {
              waitingStages: HANDOFF_STAGES,
              waiting: cutoffs.waiting.getTime(),
            })
            .orWhere('(i.stage IN (:...workingStages) AND i.updatedAt < :working)', {
              workingStages: WORKING_STAGES,
              working: cutoffs.working.getTime(),
            }),
        ),
      )
      .orderBy('i.updatedAt', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .take(limit);
    if (after)
      query.andWhere('(i.updatedAt > :at OR (i.updatedAt = :at AND i.id > :id))', {
        at: after.updatedAt.getTime(),
        id: after.id,
      });
    const items = await query.getMany();
    return items.map((item) => ({
      payload: payloadOf(item),
      tenant: item.platformId,
      cursor: { updatedAt: item.updatedAt, id: item.id },
    }));
  }
}

// Kept here for the modules that import it from ingest; it lives in persistence.
export { isUniqueViolation } from '@qinglang/persistence';
