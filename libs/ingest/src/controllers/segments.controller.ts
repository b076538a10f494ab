import { Body, Controller, Get, Inject, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiExtraModels,
  getSchemaPath,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError, ApiErrors } from '@qinglang/operations';
import { CurrentPlatform, Platform } from '@qinglang/platforms';
import { CreateSegmentDto } from '../dto/segment.dto';
import { SegmentUploadBody } from '../dto/upload-bodies.dto';
import { SegmentsService } from '../services/segments.service';
import { FLAG_LINKS, FlagLinksReader, ITEM_RESULTS, ItemResultsReader } from '../services/item-results';
import { FRAME_PAGE, FramePageQuery, pageOf } from '../dto/item-page.dto';
import { UploadedMedia } from '../services/upload-checks';
import { frameResultsView, segmentView } from '../views';
import { IdempotencyKey } from './idempotency-key.decorator';
import { AcceptsWork } from './accepts-work.guard';
import { SegmentResponse } from '../ingest.responses';

@ApiTags('segments')
@AcceptsWork()
@Controller('v1')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    @Inject(ITEM_RESULTS) private readonly results: ItemResultsReader,
    @Inject(FLAG_LINKS) private readonly flagLinks: FlagLinksReader,
  ) {}

  @Post('streams/:streamId/segments')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      oneOf: [{ $ref: getSchemaPath(SegmentUploadBody) }, { $ref: getSchemaPath(CreateSegmentDto) }],
    },
    description: 'multipart/form-data with `file`, or JSON with `url`',
  })
  @ApiExtraModels(SegmentUploadBody, CreateSegmentDto)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({
    summary: 'Upload a segment (.ts, .mp4, .flv as multipart `file`) or give its `url`; answers 202 queued',
  })
  @ApiAcceptedResponse({ type: SegmentResponse, description: 'Queued' })
  @ApiOkResponse({ type: SegmentResponse, description: 'Sent before with this Idempotency-Key: the same segment' })
  @ApiErrors({
    400: ['file_and_url', 'media_required', 'empty_upload', 'invalid_url', 'invalid_idempotency_key'],
    404: ['stream_not_found'],
    415: ['unsupported_media_type'],
    422: ['playlist_not_allowed'],
    429: ['quota_exceeded'],
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
  @ApiOperation({
    summary:
      "A segment's status and its frames (a page of them) with what each model found: porn scores, on-screen text with its boxes, QR payloads, and the flags they joined",
  })
  @ApiOkResponse({ type: SegmentResponse })
  @ApiErrors({ 404: ['segment_not_found'] })
  async get(@CurrentPlatform() platform: Platform, @Param('id') id: string, @Query() query: FramePageQuery) {
    const segment = await this.segments.lifecycle.getForPlatform(platform.id, id);
    const page = pageOf(query, FRAME_PAGE);
    const found = await this.results.forSource(platform.id, 'segment', segment.id, page);
    const flags = await this.flagLinks.bySource(platform.id, found.all.lookupIds);
    return segmentView(segment, frameResultsView(found, flags, page, found.all.frameIds));
  }
}
