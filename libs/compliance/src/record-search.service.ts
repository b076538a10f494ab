import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { flagView } from '@qinglang/flagging';
import { AccountsService } from '@qinglang/ingest';
import type { ReviewDecision } from '@qinglang/review';
import { reportedTable } from './reported-tables';
import { StaffService } from '@qinglang/staff';
import { DecisionListQuery, FlagListQuery } from './compliance-filters.dto';
import { cursorOf, newestFirst } from './keyset';
import { PlatformNames } from './platform-names.service';

/** Flags and review decisions across platforms, filtered and paged newest first, for compliance officers. */
@Injectable()
export class RecordSearch {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly staff: StaffService,
    private readonly platforms: PlatformNames,
  ) {}

  async flags(filter: FlagListQuery) {
    const limit = filter.limit ?? 100;
    const query = reportedTable(this.dataSource, 'Flag').createQueryBuilder('f');
    if (filter.platformId) query.andWhere('f.platform_id = :platformId', { platformId: filter.platformId });
    if (filter.accountId) query.andWhere('f.account_id = :accountId', { accountId: filter.accountId });
    if (filter.category) query.andWhere('f.category = :category', { category: filter.category });
    if (filter.status) query.andWhere('f.status = :status', { status: filter.status });
    if (filter.reviewState) query.andWhere('f.review_state = :reviewState', { reviewState: filter.reviewState });
    const flags = await newestFirst(query, 'f', 'opened_at', 'openedAt', { ...filter, limit }).getMany();
    const [accounts, names] = await Promise.all([
      this.accounts.externalIds(flags.map((f) => f.accountId)),
      this.platforms.of(flags.map((f) => f.platformId)),
    ]);
    const last = flags.at(-1);
    return {
      flags: flags.map((f) => ({
        ...flagView(f, accounts.get(f.accountId)),
        platform: { id: f.platformId, name: names.get(f.platformId) ?? null },
      })),
      next: last && flags.length === limit ? cursorOf(last.openedAt, last.id) : null,
    };
  }

  async decisions(filter: DecisionListQuery) {
    const limit = filter.limit ?? 100;
    const query = reportedTable(this.dataSource, 'ReviewDecision').createQueryBuilder('d');
    if (filter.platformId) query.andWhere('d.platform_id = :platformId', { platformId: filter.platformId });
    if (filter.accountId) query.andWhere('d.account_id = :accountId', { accountId: filter.accountId });
    if (filter.category) query.andWhere('d.category = :category', { category: filter.category });
    if (filter.verdict) query.andWhere('d.verdict = :verdict', { verdict: filter.verdict });
    if (filter.reviewerId) query.andWhere('d.reviewer_id = :reviewerId', { reviewerId: filter.reviewerId });
    const decisions = await newestFirst(query, 'd', 'decided_at', 'decidedAt', { ...filter, limit }).getMany();
    const [reviewers, names] = await Promise.all([
      this.staff.names(decisions.map((d) => d.reviewerId)),
      this.platforms.of(decisions.map((d) => d.platformId)),
    ]);
    const last = decisions.at(-1);
    return {
      decisions: decisions.map((d) =>
        decisionView(d, reviewers.get(d.reviewerId) ?? null, names.get(d.platformId) ?? null),
      ),
      next: last && decisions.length === limit ? cursorOf(last.decidedAt, last.id) : null,
    };
  }
}

export function decisionView(decision: ReviewDecision, reviewerName: string | null, platformName?: string | null) {
  return {
    id: decision.id,
    flagId: decision.flagId,
    accountId: decision.accountId,
    verdict: decision.verdict,
    category: decision.category,
    reasonCode: decision.reasonCode,
    note: decision.note,
    reviewer: { id: decision.reviewerId, name: reviewerName, role: decision.reviewerRole },
    policyVersion: decision.policyVersion,
    modelVersions: decision.modelVersions,
    decidedAt: decision.decidedAt.toISOString(),
    ...(platformName !== undefined ? { platform: { id: decision.platformId, name: platformName } } : {}),
  };
}
