import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '@qinglang/config';
import { RetentionLease } from './retention-lease.entity';

const LEASE_NAME = 'media';

/** The holder of a lapsed lease took longer than the lease: another worker may have taken the sweep over. */
export class SweepLeaseLost extends Error {}

/**
 * The one lease row that makes the sweep one worker's at a time: taken by compare-and-set when free or lapsed,
 * renewed while files are deleted, checked in the transaction that marks them, given back after the run.
 */
export class SweepLease {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  /**
   * Takes the lease if it is free or lapsed; returns whether it did. Not when this worker holds it already: a
   * second run in the same process would share it, and the first to finish would free it under the other.
   */
  async take(): Promise<boolean> {
    const now = this.clock.now().getTime();
    const result = await this.dataSource
      .createQueryBuilder()
      .update(RetentionLease)
      .set({ owner: this.owner, leaseUntil: new Date(now + this.leaseMs) })
      .where({ name: LEASE_NAME })
      .andWhere('(owner IS NULL OR lease_until IS NULL OR lease_until < :now)', { now })
      .execute();
    return result.affected === 1;
  }

  /** Extends the lease; throws SweepLeaseLost when it is no longer this worker's (it lapsed and was taken). */
  async renew(manager: EntityManager | DataSource = this.dataSource): Promise<void> {
    const now = this.clock.now().getTime();
    const result = await manager
      .createQueryBuilder()
      .update(RetentionLease)
      .set({ leaseUntil: new Date(now + this.leaseMs) })
      .where({ name: LEASE_NAME, owner: this.owner })
      .execute();
    if (result.affected !== 1) throw new SweepLeaseLost(`the retention sweep lease was taken over from ${this.owner}`);
  }

  async release(): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(RetentionLease)
      .set({ owner: null, leaseUntil: null })
      .where({ name: LEASE_NAME, owner: this.owner })
      .execute();
  }
}
