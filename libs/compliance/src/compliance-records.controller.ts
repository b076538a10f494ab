import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffOnly } from '@qinglang/staff';
import { COMPLIANCE_FILTER_ERRORS, DecisionListQuery, FlagListQuery } from './compliance-filters.dto';
import { RecordSearch } from './record-search.service';
import { ComplianceFilterResolver } from './compliance-filter-resolver.service';
import { ApiErrors } from '@qinglang/operations';
import { ComplianceDecisionListResponse, ComplianceFlagListResponse } from './compliance.responses';

@ApiTags('compliance')
@StaffOnly('compliance')
@Controller('v1/compliance')
export class ComplianceRecordsController {
  constructor(
    private readonly search: RecordSearch,
    private readonly filters: ComplianceFilterResolver,
  ) {}

  @Get('flags')
  @ApiOperation({
    summary: 'Flags of every platform, newest first (from/to on the opening time); page with `before=<next>`',
  })
  @ApiOkResponse({ type: ComplianceFlagListResponse })
  @ApiErrors({ 400: COMPLIANCE_FILTER_ERRORS })
  async flags(@Query() query: FlagListQuery) {
    return this.search.flags(await this.filters.resolve(query));
  }

  @Get('decisions')
  @ApiOperation({
    summary: "Reviewers' decisions, newest first, with the reviewer's name and role (from/to on the decision time)",
  })
  @ApiOkResponse({ type: ComplianceDecisionListResponse })
  @ApiErrors({ 400: COMPLIANCE_FILTER_ERRORS })
  async decisions(@Query() query: DecisionListQuery) {
    return this.search.decisions(await this.filters.resolve(query));
  }
}
