import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffOnly } from '@qinglang/staff';
import { AccountHistory } from './account-history.service';
import { ComplianceFilterResolver } from './compliance-filter-resolver.service';
import { ApiErrors } from '@qinglang/operations';
import { AccountHistoryResponse } from './compliance.responses';

@ApiTags('compliance')
@StaffOnly('compliance')
@Controller('v1/compliance')
export class AccountHistoryController {
  constructor(
    private readonly history: AccountHistory,
    private readonly filters: ComplianceFilterResolver,
  ) {}

  @Get('accounts/:accountId/history')
  @ApiOperation({
    summary:
      "An account by Qinglang's id (platform, the platform's id for it) with its flags, decisions, sanctions, appeals and the audit entries about them, in time order",
  })
  @ApiOkResponse({ type: AccountHistoryResponse })
  @ApiErrors({ 404: ['account_not_found'] })
  get(@Param('accountId') accountId: string) {
    return this.history.of(accountId);
  }

  @Get('platforms/:platformId/accounts/:externalId/history')
  @ApiOperation({
    summary:
      "The same history, for the account a platform knows by its own id (`externalId`, URL-encoded): what a platform's complaint or a regulator's request names",
  })
  @ApiOkResponse({ type: AccountHistoryResponse })
  @ApiErrors({ 404: ['platform_not_found', 'account_not_found'] })
  async byExternalId(@Param('platformId') platformId: string, @Param('externalId') externalId: string) {
    const account = await this.filters.byExternalId(platformId, externalId);
    return this.history.of(account.id);
  }
}
