import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ItemPage } from '../item-result-views';

/** Frames shown per page on a segment's or post's GET: each carries its scores, overlay text and QR payloads. */
export const FRAME_PAGE = { default: 100, max: 500 };
/** Tip events shown per page on a batch's GET: a batch holds at most 1000, so by default all of them. */
export const BATCH_PAGE = { default: 1000, max: 1000 };
/** Chat or transcript lines per page: fewer by default, as the page's unscored lines are scored when read. */
export const LINE_PAGE = { default: 200, max: 1000 };

/** Which part of a segment's or post's frames to show (`results.page.nextOffset` gives the next). */
export class FramePageQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: FRAME_PAGE.max, default: FRAME_PAGE.default })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(FRAME_PAGE.max)
  limit?: number;
}

/** Which part of a batch's chat or transcript lines to show (`results.page.nextOffset` gives the next). */
export class LinePageQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: LINE_PAGE.max, default: LINE_PAGE.default })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LINE_PAGE.max)
  limit?: number;
}

/** Which part of a batch's tip events to show (`results.page.nextOffset` gives the next). */
export class BatchPageQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: BATCH_PAGE.max, default: BATCH_PAGE.default })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(BATCH_PAGE.max)
  limit?: number;
}

export const pageOf = (query: { offset?: number; limit?: number }, defaults: { default: number }): ItemPage => ({
  offset: query.offset ?? 0,
  limit: query.limit ?? defaults.default,
});
