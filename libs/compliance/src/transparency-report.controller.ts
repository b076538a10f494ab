import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { StaffOnly } from '@qinglang/staff';
import { TransparencyReportQuery } from './compliance-filters.dto';
import { CsvValue, csvLine } from './csv';
import { TransparencyReport, TransparencyReportBody } from './transparency-report.service';
import { TransparencyReportResponse } from './transparency-report.responses';

/** The report as one long table: metric, category, action, value. */
export function transparencyCsv(report: TransparencyReportBody): string {
  const rows: CsvValue[][] = [
    ['period_from', null, null, report.period.from],
    ['period_to', null, null, report.period.to],
    ['policy_version', null, null, report.policyVersion],
    ...report.sanctions.byCategoryAndAction.map((r) => ['sanctions', r.category, r.action, r.count]),
    ['sanctions_total', null, null, report.sanctions.total],
    ['sanctions_automated', null, null, report.sanctions.automated],
    ['sanctions_human', null, null, report.sanctions.human],
    ['sanctions_revoked', null, null, report.sanctions.revokedInPeriod],
    ...Object.entries(report.timing).flatMap(([name, m]) => [
      [`median_seconds_${snake(name)}`, null, null, m.medianSeconds],
      [`timed_${snake(name)}`, null, null, m.count],
    ]),
    ...Object.entries(report.appeals).map(([name, value]) => [`appeals_${snake(name)}`, null, null, value]),
    ...Object.entries(report.flags).map(([name, value]) => [`flags_${name}`, null, null, value]),
  ];
  return csvLine(['metric', 'category', 'action', 'value']) + rows.map(csvLine).join('');
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

@ApiTags('compliance')
@StaffOnly('compliance')
@Controller('v1/compliance/reports')
export class TransparencyReportController {
  constructor(private readonly report: TransparencyReport) {}

  @Get('transparency')
  @ApiOperation({
    summary:
      'Transparency report over [from, to): sanctions by category and action, automated or not, median delays, appeals and reversals, flags',
  })
  @ApiOkResponse({
    description: 'JSON, or with `format=csv` one long table: metric, category, action, value',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(TransparencyReportResponse) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiExtraModels(TransparencyReportResponse)
  async get(@Query() query: TransparencyReportQuery, @Res({ passthrough: true }) response: Response) {
    const report = await this.report.build(query.from, query.to);
    if (query.format !== 'csv') return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="qinglang-transparency-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv"`,
    );
    return transparencyCsv(report);
  }
}
