import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { sanctionView } from '@qinglang/sanctions';
import type { Sanction } from '@qinglang/sanctions';
import { reportedTable } from './reported-tables';
import { StaffService } from '@qinglang/staff';
import { SanctionFilterQuery } from './compliance-filters.dto';
import { cursorOf, newestFirst } from './keyset';
import { PlatformNames } from './platform-names.service';

export type ComplianceSanctionRow = ReturnType<typeof sanctionView> & {
  platform: { id: string; name: string | null };
  decidedByNames: string[];
};

/** The sanctions that match a compliance officer's filters, newest first, one keyset page at a time. */
@Injectable()
export class SanctionSearch {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly platforms: PlatformNames,
    private readonly staff: StaffService,
  ) {}

  async page(
    filter: SanctionFilterQuery,
    limit: number,
    before?: string,
  ): Promise<{ rows: ComplianceSanctionRow[]; next: string | null }> {
    const sanctions = await newestFirst(this.filtered(filter), 's', 'issued_at', 'issuedAt', {
      ...filter,
      before,
      limit,
    }).getMany();
    const names = await this.platforms.of(sanctions.map((s) => s.platformId));
    const reviewers = await this.staff.names(sanctions.flatMap((s) => s.decidedBy));
    const last = sanctions.at(-1);
    return {
      rows: sanctions.map((s) => ({
        ...sanctionView(s),
        platform: { id: s.platformId, name: names.get(s.platformId) ?? null },
        decidedByNames: s.decidedBy.map((id) => reviewers.get(id) ?? id),
      })),
      next: last && sanctions.length === limit ? cursorOf(last.issuedAt, last.id) : null,
    };
  }

  /** Every matching sanction, page after page: what the exports stream. */
  async *all(filter: SanctionFilterQuery, pageSize: number): AsyncGenerator<ComplianceSanctionRow[]> {
    let before: string | undefined;
    do {
      const { rows, next } = await this.page(filter, pageSize, before);
      if (rows.length) yield rows;
      before = next ?? undefined;
    } while (before);
  }

  private filtered(filter: SanctionFilterQuery): SelectQueryBuilder<Sanction> {
    const query = reportedTable(this.dataSource, 'Sanction').createQueryBuilder('s');
    if (filter.platformId) query.andWhere('s.platform_id = :platformId', { platformId: filter.platformId });
    if (filter.accountId) query.andWhere('s.account_id = :accountId', { accountId: filter.accountId });
    if (filter.category) query.andWhere('s.category = :category', { category: filter.category });
    if (filter.action) query.andWhere('s.action = :action', { action: filter.action });
    if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
    // decided_by is a JSON array of ids; an id (letters, digits, dashes: no LIKE wildcards) matches as "<id>".
    if (filter.reviewerId) query.andWhere('s.decided_by LIKE :reviewer', { reviewer: `%"${filter.reviewerId}"%` });
    if (filter.automated) query.andWhere('s.automated = :automated', { automated: filter.automated === 'true' });
    return query;
  }
}
