import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffOnly } from '@qinglang/staff';
import { SanctionListQuery } from './compliance-filters.dto';
import { SanctionSearch } from './sanction-search.service';
import { ComplianceFilterResolver } from './compliance-filter-resolver.service';

@ApiTags('compliance')
@ApiBearerAuth()
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
  async list(@Query() query: SanctionListQuery) {
    const { limit, before, ...filter } = await this.filters.resolve(query);
    const { rows, next } = await this.search.page(filter, limit ?? 100, before);
    return { sanctions: rows, next };
  }
}
