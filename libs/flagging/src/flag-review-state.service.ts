import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { Flag, ReviewState } from './flag.entity';

/**
 * The review columns of flags, changed only by compare-and-set updates: a claim succeeds only on a flag nobody
 * holds (or whose lease ran out), a decision only by the reviewer holding the claim while it is valid. Two
 * reviewers can therefore never work or decide the same flag, on SQLite or PostgreSQL, one process or many.
 */
@Injectable()
export class FlagReviewState {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open flags in these review states that nobody holds, highest priority (with aging) first. */
  claimable(states: ReviewState[], now: Date, agingPerHour: number, limit: number): Promise<Flag[]> {
    return this.byRank(now, agingPerHour, limit)
      .andWhere({ reviewState: In(states) })
      .andWhere('(f.claimed_by IS NULL OR f.claim_expires_at < :now)', { now: now.getTime() })
      .getMany();
  }

  /** Every open flag in queue order, for the queue view: who holds what, and what waits. */
  open(now: Date, agingPerHour: number, limit: number): Promise<Flag[]> {
    return this.byRank(now, agingPerHour, limit).getMany();
  }

  private byRank(now: Date, agingPerHour: number, limit: number) {
    // Numbers only in the expression (no user input), so they can be inlined for both databases.
    const rank = `f.priority + ((${now.getTime()} - f.opened_at) / 3600000.0) * ${Number(agingPerHour)}`;
    return this.dataSource
      .getRepository(Flag)
      .createQueryBuilder('f')
      .where({ status: 'open' })
      .addSelect(rank, 'rank')
      .orderBy('rank', 'DESC')
      .addOrderBy('f.opened_at', 'ASC')
      .limit(limit);
  }

  /** The flag this reviewer holds right now, if any. */
  heldBy(reviewerId: string, now: Date): Promise<Flag | null> {
    return this.dataSource.getRepository(Flag).findOne({
      where: { status: 'open', claimedBy: reviewerId, claimExpiresAt: MoreThan(now) },
      order: { claimExpiresAt: 'ASC' },
    });
  }

  async tryClaim(
    manager: EntityManager,
    flagId: string,
    reviewerId: string,
    until: Date,
    now: Date,
    states: ReviewState[],
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Flag)
      .set({ claimedBy: reviewerId, claimExpiresAt: until })
      .where({ id: flagId, status: 'open', reviewState: In(states) })
      // Instants are epoch milliseconds in the database; find operators skip the column transformer in query builders.
      .andWhere('(claimed_by IS NULL OR claim_expires_at < :now OR claimed_by = :reviewerId)', {
        now: now.getTime(),
        reviewerId,
      })
      .execute();
    return result.affected === 1;
  }

  async release(manager: EntityManager, flagId: string, reviewerId: string): Promise<boolean> {
    const result = await manager.update(
      Flag,
      { id: flagId, claimedBy: reviewerId, status: 'open' },
      { claimedBy: null, claimExpiresAt: null },
    );
    return result.affected === 1;
  }

  /**
   * Moves a flag the reviewer validly holds to a new review state, releasing the claim; `confirmed` and
   * `rejected` close it (freeing its open key, so new evidence opens a new flag). False when the reviewer does
   * not hold it (never claimed, lease expired, or another decision won).
   */
  async decide(
    manager: EntityManager,
    flagId: string,
    reviewerId: string,
    now: Date,
    to: ReviewState,
  ): Promise<boolean> {
    const closes = to === 'confirmed' || to === 'rejected';
    const result = await manager
      .createQueryBuilder()
      .update(Flag)
      .set({
        reviewState: to,
        claimedBy: null,
        claimExpiresAt: null,
        ...(closes ? { status: 'closed', openKey: null, decidedAt: now } : {}),
      })
      .where({ id: flagId, status: 'open', claimedBy: reviewerId })
      .andWhere('claim_expires_at > :now', { now: now.getTime() })
      .execute();
    return result.affected === 1;
  }

  /**
   * Closes an open flag as confirmed by another flag's confirmation (the same evidence, the same violation),
   * linked to it; false when it was decided meanwhile.
   */
  async resolveAsLinked(manager: EntityManager, flagId: string, linkedTo: string, now: Date): Promise<boolean> {
    // Only a flag waiting in the queue: one escalated or awaiting a second reviewer stays with them (their
    // confirmation then issues nothing, the conduct being sanctioned already).
    const result = await manager.update(
      Flag,
      { id: flagId, status: 'open', reviewState: 'pending' },
      {
        status: 'closed',
        openKey: null,
        reviewState: 'confirmed',
        linkedTo,
        decidedAt: now,
        claimedBy: null,
        claimExpiresAt: null,
        updatedAt: now,
      },
    );
    return result.affected === 1;
  }

  /** The viewer flags merged into a cluster take the cluster's decision: the same lines, the same verdict. */
  async settleMerged(
    manager: EntityManager,
    clusterId: string,
    to: 'confirmed' | 'rejected',
    now: Date,
  ): Promise<void> {
    await manager.update(
      Flag,
      { linkedTo: clusterId, reviewState: 'merged' },
      { reviewState: to, decidedAt: now, updatedAt: now },
    );
  }

  /** Records which confirmed flag already settled a flag's conduct (its confirmation issued nothing). */
  async linkTo(manager: EntityManager, flagId: string, linkedTo: string): Promise<void> {
    await manager.update(Flag, { id: flagId }, { linkedTo });
  }
}
