import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService } from '@qinglang/ingest';
import type { Account } from '@qinglang/ingest';
import { ApiError } from '@qinglang/operations';
import { StaffService } from '@qinglang/staff';
import { accountFilterOf } from './account-filter';
import { reportedTable } from './reported-tables';

interface IdFilters {
  platformId?: string;
  accountId?: string;
  externalAccountId?: string;
  reviewerId?: string;
}

/**
 * Checks the ids a compliance filter names before the search runs: a platform, account or reviewer Qinglang does
 * not know is a 400 naming it (a typo, or the platform's own id where Qinglang's is expected, would otherwise answer
 * an empty list that reads as "nothing happened"). The platform's own id of an account becomes Qinglang's.
 */
@Injectable()
export class ComplianceFilterResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly staff: StaffService,
  ) {}

  /** The filter with `accountId` set to Qinglang's id of the account meant, and `externalAccountId` gone. */
  async resolve<Q extends IdFilters>(query: Q): Promise<Omit<Q, 'externalAccountId'>> {
    const { externalAccountId: _external, ...resolved } = query;
    const account = accountFilterOf(query);
    if (query.platformId) await this.platform(query.platformId);
    if (account.kind === 'external')
      resolved.accountId = (await this.external(account.platformId, account.externalId)).id;
    if (account.kind === 'internal') {
      const found = await this.accounts.findById(account.accountId);
      if (!found)
        throw new ApiError(
          400,
          'unknown_account',
          `No account has the id ${account.accountId}. For the platform's own id, use externalAccountId with platformId.`,
        );
      if (query.platformId && found.platformId !== query.platformId)
        throw new ApiError(
          400,
          'account_not_on_platform',
          `Account ${account.accountId} is not on platform ${query.platformId}.`,
        );
    }
    if (query.reviewerId && !(await this.staff.names([query.reviewerId])).has(query.reviewerId))
      throw new ApiError(400, 'unknown_reviewer', `No staff member has the id ${query.reviewerId}.`);
    return resolved;
  }

  /** A platform's account by the platform's own id for it; 404 when the platform or the account is unknown. */
  async byExternalId(platformId: string, externalId: string): Promise<Account> {
    await this.platform(platformId, 404);
    const account = await this.accounts.findByExternalId(platformId, externalId);
    if (!account)
      throw new ApiError(404, 'account_not_found', `Platform ${platformId} has no account ${externalId} in Qinglang.`);
    return account;
  }

  private async external(platformId: string, externalId: string): Promise<Account> {
    const account = await this.accounts.findByExternalId(platformId, externalId);
    if (!account)
      throw new ApiError(400, 'unknown_account', `Platform ${platformId} has no account ${externalId} in Qinglang.`);
    return account;
  }

  private async platform(platformId: string, status: 400 | 404 = 400): Promise<void> {
    const found = await reportedTable(this.dataSource, 'Platform').findOneBy({ id: platformId });
    if (!found)
      throw new ApiError(
        status,
        status === 400 ? 'unknown_platform' : 'platform_not_found',
        `No platform has the id ${platformId}.`,
      );
  }
}
