import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffOnly } from '@qinglang/staff';
import { DecisionListQuery, FlagListQuery } from './compliance-filters.dto';
import { RecordSearch } from './record-search.service';

@ApiTags('compliance')
@ApiBearerAuth()
@StaffOnly('compliance')
@Controller('v1/compliance')
export class ComplianceRecordsController {
  constructor(private readonly search: RecordSearch) {}

  @Get('flags')
  @ApiOperation({
    summary: 'Flags of every platform, newest first (from/to on the opening time); page with `before=<next>`',
  })
  flags(@Query() query: FlagListQuery) {
    return this.search.flags(query);
  }

  @Get('decisions')
  @ApiOperation({
    summary: "Reviewers' decisions, newest first, with the reviewer's name and role (from/to on the decision time)",
  })
  decisions(@Query() query: DecisionListQuery) {
    return this.search.decisions(query);
  }
}
