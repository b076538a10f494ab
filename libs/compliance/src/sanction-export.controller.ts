import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CLOCK, Clock } from '@qinglang/config';
import { StaffOnly } from '@qinglang/staff';
import { COMPLIANCE_FILTER_ERRORS, SanctionFilterQuery } from './compliance-filters.dto';
import { periodBounds } from './keyset';
import { SANCTION_CSV_HEADER, sanctionCsvLine, sanctionJsonLine } from './sanction-export';
import { SanctionSearch } from './sanction-search.service';
import { ComplianceFilterResolver } from './compliance-filter-resolver.service';
import { ApiErrors } from '@qinglang/operations';

/** Rows read from the database per page: the export holds one page at a time, whatever the total. */
export const EXPORT_PAGE_SIZE = 1000;

@ApiTags('compliance')
@StaffOnly('compliance')
@Controller('v1/compliance/exports')
export class SanctionExportController {
  constructor(
    private readonly search: SanctionSearch,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly filters: ComplianceFilterResolver,
  ) {}

  @Get('sanctions.csv')
  @ApiOperation({
    summary: 'Every sanction matching the filters of GET /v1/compliance/sanctions, newest first, as CSV (streamed)',
  })
  @ApiOkResponse({
    description: 'A header line, then one sanction per line',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors({ 400: COMPLIANCE_FILTER_ERRORS })
  csv(@Query() query: SanctionFilterQuery, @Res() response: Response): Promise<void> {
    return this.stream(query, response, 'csv', 'text/csv; charset=utf-8', SANCTION_CSV_HEADER, sanctionCsvLine);
  }

  @Get('sanctions.jsonl')
  @ApiOperation({ summary: 'The same as the CSV export, one JSON sanction (as in the list) per line (streamed)' })
  @ApiOkResponse({
    description: 'One ComplianceSanctionResponse as JSON per line',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  @ApiErrors({ 400: COMPLIANCE_FILTER_ERRORS })
  jsonl(@Query() query: SanctionFilterQuery, @Res() response: Response): Promise<void> {
    return this.stream(query, response, 'jsonl', 'application/x-ndjson; charset=utf-8', '', sanctionJsonLine);
  }

  /**
   * Reads a keyset page, writes it, waits for the client to take it (backpressure), reads the next: memory holds
   * one page however large the export. The first page is read before anything is sent, so a failure there is an
   * ordinary error response; after the first byte a failure can only cut the response short.
   */
  private async stream(
    query: SanctionFilterQuery,
    response: Response,
    extension: string,
    type: string,
    header: string,
    line: (row: never) => string,
  ): Promise<void> {
    periodBounds(query); // a bad period or an unknown id is a 400, before anything is sent
    const pages = this.search.all(await this.filters.resolve(query), EXPORT_PAGE_SIZE);
    let page = await pages.next();
    const stamp = this.clock.now().toISOString().replace(/[:.]/g, '-');
    response.status(200);
    response.setHeader('Content-Type', type);
    response.setHeader('Content-Disposition', `attachment; filename="qinglang-sanctions-${stamp}.${extension}"`);
    response.setHeader('Cache-Control', 'no-store');
    let closed = false;
    response.on('close', () => (closed = true));
    const write = (chunk: string) =>
      response.write(chunk) || closed
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => (response.off('drain', done), response.off('close', done), resolve());
            response.on('drain', done).on('close', done);
          });
    try {
      if (header) await write(header);
      while (!page.done && !closed) {
        await write(page.value.map((row) => line(row as never)).join(''));
        page = await pages.next();
      }
      if (closed)
        await pages.return(undefined); // the client went away: stop reading
      else response.end();
    } catch (error) {
      response.destroy(error as Error);
    }
  }
}
