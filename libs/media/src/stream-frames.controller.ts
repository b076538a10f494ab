import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@qinglang/operations';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { StreamsService } from '@qinglang/ingest';
import { CurrentPlatform } from '@qinglang/platforms';
import type { Platform } from '@qinglang/platforms';
import { FramesService } from './frames.service';
import { StreamFramesResponse } from './frames.responses';

export class StreamFramesQuery {
  @ApiPropertyOptional({ description: 'Only frames after this stream time (ms): the cursor of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-1)
  after?: number;

  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** A stream's frames in stream-time order, uploaded and pulled alike, paged by stream time. */
@ApiTags('streams')
@Controller('v1/streams')
export class StreamFramesController {
  constructor(
    private readonly streams: StreamsService,
    private readonly frames: FramesService,
  ) {}

  @Get(':id/frames')
  @ApiOperation({ summary: "The stream's sampled frames in stream-time order; pass the returned cursor as `after`" })
  @ApiOkResponse({ type: StreamFramesResponse })
  @ApiErrors({ 404: ['stream_not_found'] })
  async list(@CurrentPlatform() platform: Platform, @Param('id') id: string, @Query() query: StreamFramesQuery) {
    const stream = await this.streams.getForPlatform(platform.id, id);
    const frames = await this.frames.ofStream(stream.id, query.after ?? -1, query.limit ?? 100);
    return {
      frames: frames.map((f) => ({
        id: f.id,
        streamTimeMs: f.streamTimeMs,
        source: { kind: f.sourceKind, id: f.sourceId },
        status: f.status,
        duplicateOf: f.duplicateOfId,
        width: f.width,
        height: f.height,
        imageUrl: `/v1/frames/${f.id}/image`,
        imageDeletedAt: f.purgedAt?.toISOString() ?? null,
        sampledAt: f.createdAt.toISOString(),
      })),
      cursor: frames.at(-1)?.streamTimeMs ?? query.after ?? null,
    };
  }
}
