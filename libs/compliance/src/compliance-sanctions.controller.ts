import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffOnly } from '@qinglang/staff';
import { COMPLIANCE_FILTER_ERRORS, SanctionListQuery } from './compliance-filters.dto';
import { SanctionSearch } from './sanction-search.service';
import { ComplianceFilterResolver } from './compliance-filter-resolver.service';
import { ApiErrors } from '@qinglang/operations';
import { ComplianceSanctionListResponse } from './compliance.responses';

@ApiTags('compliance')
@StaffOnly('compliance')
@Controller('v1/compliance/sanctions')
export class ComplianceSanctionsController {
  constructor(
    private readonly search: SanctionSearch,
    private readonly filters: ComplianceFilterResolver,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Sanctions of every platform, newest first, with their statements of reasons; page with `before=<next>`',
  })
  @ApiOkResponse({ type: ComplianceSanctionListResponse })
  @ApiErrors({ 400: COMPLIANCE_FILTER_ERRORS })
  async list(@Query() query: SanctionListQuery) {
    const { limit, before, ...filter } = await this.filters.resolve(query);
    const { rows, next } = await this.search.page(filter, limit ?? 100, before);
    return { sanctions: rows, next };
  }
}
