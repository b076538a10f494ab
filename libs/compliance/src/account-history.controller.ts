import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffOnly } from '@qinglang/staff';
import { AccountHistory } from './account-history.service';

@ApiTags('compliance')
@ApiBearerAuth()
@StaffOnly('compliance')
@Controller('v1/compliance/accounts')
export class AccountHistoryController {
  constructor(private readonly history: AccountHistory) {}

  @Get(':accountId/history')
  @ApiOperation({
    summary:
      "An account (platform, the platform's id for it) with its flags, decisions, sanctions, appeals and the audit entries about them, in time order",
  })
  get(@Param('accountId') accountId: string) {
    return this.history.of(accountId);
  }
}
