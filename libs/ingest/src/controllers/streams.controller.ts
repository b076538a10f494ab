import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError, ApiErrors } from '@qinglang/operations';
import { CurrentPlatform } from '@qinglang/platforms';
import type { Platform } from '@qinglang/platforms';
import { RegisterStreamDto, StreamSourceDto, UpdateStreamDto } from '../dto/stream.dto';
import { StreamsService } from '../services/streams.service';
import { StreamSourcesService } from '../services/stream-sources.service';
import { AccountsService } from '../services/accounts.service';
import { ITEM_RESULTS, ItemResultsReader } from '../services/item-results';
import { streamView } from '../views';
import type { Stream } from '../entities/stream.entity';
import { StreamResponse } from '../ingest.responses';

@ApiTags('streams')
@Controller('v1/streams')
export class StreamsController {
  constructor(
    private readonly streams: StreamsService,
    private readonly sources: StreamSourcesService,
    private readonly accounts: AccountsService,
    @Inject(ITEM_RESULTS) private readonly results: ItemResultsReader,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register a live stream (again: updates it and returns the same stream); with `source`, Qinglang pulls it',
  })
  @ApiCreatedResponse({ type: StreamResponse, description: 'Registered' })
  @ApiOkResponse({ type: StreamResponse, description: 'Known already (the same externalId): updated' })
  @ApiErrors({
    409: ['stream_streamer_mismatch'],
    400: ['invalid_source_url'],
    422: ['unsupported_source', 'url_not_allowed'],
    429: ['pull_quota_exceeded'],
  })
  async register(
    @CurrentPlatform() platform: Platform,
    @Body() body: RegisterStreamDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { externalId, streamerId, source, ...changes } = body;
    const { stream, created } = await this.streams.register(platform.id, externalId, streamerId, changes, source?.url);
    response.status(created ? 201 : 200);
    return this.view(stream);
  }

  @Patch(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Update title, viewer count or status (live/ended); ending a stream stops its pull' })
  @ApiOkResponse({ type: StreamResponse })
  @ApiErrors({ 404: ['stream_not_found'] })
  async update(@CurrentPlatform() platform: Platform, @Param('id') id: string, @Body() body: UpdateStreamDto) {
    return this.view(await this.streams.update(platform.id, id, body));
  }

  // Two segments, so it never meets `:id`: a platform's own id may be anything, `external` included.
  @Get('external/:externalId')
  @ApiOperation({
    summary:
      'The same as GET /v1/streams/{id}, for the stream by your own id for it (the `externalId` you registered, URL-encoded)',
  })
  @ApiOkResponse({ type: StreamResponse })
  @ApiErrors({ 404: ['stream_not_found'] })
  async getByExternalId(@CurrentPlatform() platform: Platform, @Param('externalId') externalId: string) {
    const stream = await this.streams.findByExternalId(platform.id, externalId);
    // The same answer for another platform's id as for an unknown one: no way to learn what others registered.
    if (!stream) throw new ApiError(404, 'stream_not_found', `No such stream: ${externalId}`);
    return this.view(stream);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A stream, with the state of its pull when it has a source' })
  @ApiOkResponse({ type: StreamResponse })
  @ApiErrors({ 404: ['stream_not_found'] })
  async get(@CurrentPlatform() platform: Platform, @Param('id') id: string) {
    return this.view(await this.streams.getForPlatform(platform.id, id));
  }

  @Put(':id/source')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pull the stream from this URL (HLS, HTTP-FLV or RTMP); the same URL again changes nothing',
  })
  @ApiOkResponse({ type: StreamResponse })
  @ApiErrors({
    404: ['stream_not_found'],
    409: ['stream_ended'],
    400: ['invalid_source_url'],
    422: ['unsupported_source', 'url_not_allowed'],
    429: ['pull_quota_exceeded'],
  })
  async setSource(@CurrentPlatform() platform: Platform, @Param('id') id: string, @Body() body: StreamSourceDto) {
    const stream = await this.streams.getForPlatform(platform.id, id);
    if (stream.status === 'ended')
      throw new ApiError(409, 'stream_ended', 'The stream has ended: set its status to live before pulling it.');
    await this.sources.attach(platform.id, stream.id, body.url);
    return this.view(stream);
  }

  @Delete(':id/source')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop pulling the stream' })
  @ApiOkResponse({ type: StreamResponse })
  @ApiErrors({ 404: ['stream_not_found'] })
  async removeSource(@CurrentPlatform() platform: Platform, @Param('id') id: string) {
    const stream = await this.streams.getForPlatform(platform.id, id);
    await this.sources.detach(stream.id);
    return this.view(stream);
  }

  private async view(stream: Stream) {
    const [account, source] = await Promise.all([this.accounts.findById(stream.accountId), this.sources.of(stream.id)]);
    const frames = source ? await this.results.streamFrames(stream.id) : null;
    return streamView(stream, account?.externalId ?? '', source && frames ? { source, frames } : undefined);
  }
}
