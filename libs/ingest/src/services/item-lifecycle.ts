import { In, LessThan, Not, Repository } from 'typeorm';
import { ApiError } from '@qinglang/operations';
import { ItemStage, TERMINAL_STAGES } from '../entities/item-status';
import type { TrackedItem } from '../entities/tracked-item';

/**
 * The state machine every accepted item shares (segment, post, text batch, tip batch): stages only move
 * forward, a terminal stage is never left, and a failure always carries a code and a reason.
 */
export class ItemLifecycle<T extends TrackedItem> {
  constructor(
    private readonly repository: Repository<T>,
    private readonly notFoundCode: string,
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
    const now = new Date();
    const finished = TERMINAL_STAGES.includes(stage) ? { finishedAt: now } : {};
    const result = await this.repository.update(
      { id, stage: Not(In(TERMINAL_STAGES)) } as never,
      { ...extra, stage, updatedAt: now, ...finished } as never,
    );
    return (result.affected ?? 0) > 0;
  }

  fail(id: string, code: string, reason: string): Promise<boolean> {
    return this.advance(id, 'failed', { failureCode: code, failureReason: reason.slice(0, 1000) } as Partial<T>);
  }

  async unfinished(updatedBefore: Date, limit = 500): Promise<T[]> {
    return this.repository.find({
      where: { stage: Not(In(TERMINAL_STAGES)), updatedAt: LessThan(updatedBefore) } as never,
      order: { updatedAt: 'ASC' } as never,
      take: limit,
    });
  }
}

// Kept here for the modules that import it from ingest; it lives in persistence.
export { isUniqueViolation } from '@qinglang/persistence';
