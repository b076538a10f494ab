import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffOnly } from '@qinglang/staff';
import { DecisionListQuery, FlagListQuery } from './compliance-filters.dto';
import { RecordSearch } from './record-search.service';
import { ComplianceFilterResolver } from './compliance-filter-resolver.service';

@ApiTags('compliance')
@ApiBearerAuth()
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
  async flags(@Query() query: FlagListQuery) {
    return this.search.flags(await this.filters.resolve(query));
  }

  @Get('decisions')
  @ApiOperation({
    summary: "Reviewers' decisions, newest first, with the reviewer's name and role (from/to on the decision time)",
  })
  async decisions(@Query() query: DecisionListQuery) {
    return this.search.decisions(await this.filters.resolve(query));
  }
}
