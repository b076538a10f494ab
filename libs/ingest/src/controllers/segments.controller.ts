import { Body, Controller, Get, Inject, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError } from '@qinglang/operations';
import { CurrentPlatform, Platform } from '@qinglang/platforms';
import { CreateSegmentDto } from '../dto/segment.dto';
import { SegmentsService } from '../services/segments.service';
import { ITEM_RESULTS, ItemResultsReader } from '../services/item-results';
import { UploadedMedia } from '../services/upload-checks';
import { segmentView } from '../views';
import { IdempotencyKey } from './idempotency-key.decorator';
import { AcceptsWork } from './accepts-work.guard';

@ApiTags('segments')
@ApiBearerAuth()
@AcceptsWork()
@Controller('v1')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    @Inject(ITEM_RESULTS) private readonly results: ItemResultsReader,
  ) {}

  @Post('streams/:streamId/segments')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({
    summary: 'Upload a segment (.ts, .mp4, .flv as multipart `file`) or give its `url`; answers 202 queued',
  })
  async create(
    @CurrentPlatform() platform: Platform,
    @Param('streamId') streamId: string,
    @Body() body: CreateSegmentDto,
    @UploadedFile() file: UploadedMedia | undefined,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const request = { platformId: platform.id, streamId, startOffsetMs: body.startOffsetMs ?? 0, idempotencyKey };
    if (file && body.url) throw new ApiError(400, 'file_and_url', 'Send either a file or a url, not both.');
    if (!file && !body.url)
      throw new ApiError(400, 'media_required', 'Send the segment as a multipart `file` or give its `url`.');
    const { segment, created } = file
      ? await this.segments.acceptUpload(request, file)
      : await this.segments.acceptUrl(request, body.url!);
    response.status(created ? 202 : 200);
    return segmentView(segment);
  }

  @Get('segments/:id')
  @ApiOperation({ summary: "A segment's status and, once classified, its frames and their scores" })
  async get(@CurrentPlatform() platform: Platform, @Param('id') id: string) {
    const segment = await this.segments.lifecycle.getForPlatform(platform.id, id);
    return segmentView(segment, await this.results.forSource(platform.id, 'segment', segment.id));
  }
}
