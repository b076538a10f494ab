import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { CLOCK, Clock } from '@qinglang/config';
import { POLICY_CATEGORIES, PolicyService } from '@qinglang/policy';
import { Sanction } from './sanction.entity';
import { countStrikes } from './strikes';

/** Reading sanctions for other modules (the review console's history, appeals with their sanctions). */
@Injectable()
export class SanctionRecords {
  constructor(
    @InjectRepository(Sanction) private readonly sanctions: Repository<Sanction>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policy: PolicyService,
  ) {}

  /** An account's strikes still counting now, over every category (each with its own window). */
  async strikesInWindow(accountId: string): Promise<number> {
    const sanctions = await this.sanctions.find({
      where: { accountId, kind: 'sanction' },
      select: { category: true, kind: true, status: true, issuedAt: true },
    });
    const now = this.clock.now();
    return POLICY_CATEGORIES.reduce(
      (sum, category) =>
        sum +
        countStrikes(
          sanctions.filter((s) => s.category === category),
          now,
          this.policy.rule(category).strikeWindowDays,
        ),
      0,
    );
  }

  byIds(ids: string[]): Promise<Sanction[]> {
    return ids.length ? this.sanctions.findBy({ id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  /** An account's sanctions, newest first. */
  historyOf(accountId: string, limit: number): Promise<Sanction[]> {
    return this.sanctions.find({ where: { accountId }, order: { issuedAt: 'DESC' }, take: limit });
  }

  getForPlatform(platformId: string, id: string): Promise<Sanction | null> {
    return this.sanctions.findOneBy({ id, platformId });
  }
}
