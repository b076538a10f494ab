import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { AuditEntry } from '@qinglang/audit';
import { flagView } from '@qinglang/flagging';
import { AccountsService } from '@qinglang/ingest';
import { ApiError } from '@qinglang/operations';
import { appealView, sanctionView } from '@qinglang/sanctions';
import { StaffService } from '@qinglang/staff';
import { PlatformNames } from './platform-names.service';
import { decisionView } from './record-search.service';
import { ReportedTable, ReportedTables, reportedTable } from './reported-tables';

/** Per kind of record: an account with more than this shows its newest ones and says it was cut. */
const MAX_PER_KIND = 1000;
const ID_CHUNK = 500;

/** Everything Qinglang holds about one account, in time order: what a compliance officer reads before answering for it. */
@Injectable()
export class AccountHistory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly staff: StaffService,
    private readonly platforms: PlatformNames,
  ) {}

  async of(accountId: string) {
    const account = await this.accounts.findById(accountId);
    if (!account)
      throw new ApiError(
        404,
        'account_not_found',
        // Written without a leading slash: error messages lose what looks like a server path.
        `No account has the id ${accountId}. For the platform's own id of an account, use GET v1/compliance/platforms/{platformId}/accounts/{externalId}/history.`,
      );
    const [flags, decisions, sanctions, appeals] = await Promise.all([
      this.newest('Flag', 'openedAt', accountId),
      this.newest('ReviewDecision', 'decidedAt', accountId),
      this.newest('Sanction', 'issuedAt', accountId),
      this.newest('Appeal', 'createdAt', accountId),
    ]);
    const audit = await this.auditAbout([
      ['account', [accountId]],
      ['flag', flags.rows.map((f) => f.id)],
      ['sanction', sanctions.rows.map((s) => s.id)],
    ]);
    const [platforms, reviewers] = await Promise.all([
      this.platforms.of([account.platformId]),
      this.staff.names(decisions.rows.map((d) => d.reviewerId)),
    ]);
    const timeline = [
      ...flags.rows.map((f) => ({
        at: f.openedAt,
        kind: 'flag',
        id: f.id,
        what: `flag opened: ${f.category} (${f.reviewState})`,
      })),
      ...decisions.rows.map((d) => ({
        at: d.decidedAt,
        kind: 'decision',
        id: d.id,
        what: `${d.verdict} ${d.category} (${d.reasonCode}) by ${reviewers.get(d.reviewerId) ?? d.reviewerId}`,
      })),
      ...sanctions.rows.map((s) => ({
        at: s.issuedAt,
        kind: 'sanction',
        id: s.id,
        what: `${s.action}${s.durationDays ? ` ${s.durationDays} days` : ''} for ${s.category} (${s.status})`,
      })),
      ...appeals.rows.map((a) => ({
        at: a.createdAt,
        kind: 'appeal',
        id: a.id,
        what: `appeal against ${a.sanctionId} (${a.status})`,
      })),
      ...audit.map((e) => ({
        at: e.recordedAt,
        kind: 'audit',
        id: String(e.seq),
        what: `${e.action} by ${e.actorKind}:${e.actorId}`,
      })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
    return {
      account: {
        id: account.id,
        externalId: account.externalId,
        platform: { id: account.platformId, name: platforms.get(account.platformId) ?? null },
        createdAt: account.createdAt.toISOString(),
      },
      truncated: flags.truncated || decisions.truncated || sanctions.truncated || appeals.truncated,
      flags: flags.rows.map((f) => flagView(f, account.externalId)),
      decisions: decisions.rows.map((d) => decisionView(d, reviewers.get(d.reviewerId) ?? null)),
      sanctions: sanctions.rows.map(sanctionView),
      appeals: appeals.rows.map(appealView),
      auditEntries: audit.map((e) => ({
        seq: e.seq,
        recordedAt: e.recordedAt.toISOString(),
        action: e.action,
        actor: { kind: e.actorKind, id: e.actorId },
        subject: { kind: e.subjectKind, id: e.subjectId },
        data: JSON.parse(e.data) as unknown,
        hash: e.hash,
      })),
      timeline: timeline.map((t) => ({ ...t, at: t.at.toISOString() })),
    };
  }

  /** The account's newest rows of one kind, returned oldest first. */
  private async newest<N extends 'Flag' | 'ReviewDecision' | 'Sanction' | 'Appeal'>(
    table: N & ReportedTable,
    instant: keyof ReportedTables[N] & string,
    accountId: string,
  ): Promise<{ rows: ReportedTables[N][]; truncated: boolean }> {
    const rows = await reportedTable(this.dataSource, table).find({
      where: { accountId } as never,
      order: { [instant]: 'DESC', id: 'DESC' } as never,
      take: MAX_PER_KIND + 1,
    });
    return { rows: rows.slice(0, MAX_PER_KIND).reverse(), truncated: rows.length > MAX_PER_KIND };
  }

  private async auditAbout(subjects: Array<[string, string[]]>): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    for (const [subjectKind, ids] of subjects) {
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        entries.push(
          ...(await reportedTable(this.dataSource, 'AuditEntry').find({
            where: { subjectKind, subjectId: In(ids.slice(i, i + ID_CHUNK)) },
          })),
        );
      }
    }
    return entries.sort((a, b) => a.seq - b.seq);
  }
}
