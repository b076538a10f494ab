import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPlatform, Platform } from '@qinglang/platforms';
import { LineBatch, LineBatchDto, LineBatchPipe, TipBatchDto } from '../dto/batch.dto';
import { BatchesService } from '../services/batches.service';
import { textBatchView, tipBatchView } from '../views';
import { publicStatus } from '../entities/item-status';
import { BATCH_PAGE, BatchPageQuery, LINE_PAGE, LinePageQuery, pageOf } from '../dto/item-page.dto';
import { FLAG_LINKS, FlagLinksReader, ITEM_RESULTS, ItemResultsReader } from '../services/item-results';
import { flagLookupIds, unscored } from '../item-result-views';
import { IdempotencyKey } from './idempotency-key.decorator';
import type { TextKind } from '../entities/text-batch.entity';
import { AcceptsWork } from './accepts-work.guard';
import { TextBatchResponse, TipBatchResponse } from '../ingest.responses';
import { ApiErrors } from '@qinglang/operations';

const withSignals = (id: string, findings: Map<string, { signalIds: string[] }>) => ({
  id,
  signalIds: findings.get(id)?.signalIds ?? [],
});

@ApiTags('chat, transcripts and tips')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@AcceptsWork()
@Controller('v1')
export class BatchesController {
  constructor(
    private readonly batches: BatchesService,
    @Inject(ITEM_RESULTS) private readonly results: ItemResultsReader,
    @Inject(FLAG_LINKS) private readonly flagLinks: FlagLinksReader,
  ) {}

  @Post('streams/:streamId/chat')
  @ApiOperation({ summary: 'A batch of chat (danmaku) lines, each with its time and sender; 202 queued' })
  @ApiAcceptedResponse({ type: TextBatchResponse, description: 'Queued' })
  @ApiOkResponse({ type: TextBatchResponse, description: 'Sent before with this Idempotency-Key: the same batch' })
  @ApiErrors({ 400: ['invalid_idempotency_key'], 404: ['stream_not_found'], 429: ['quota_exceeded'] })
  @ApiBody({ type: LineBatchDto })
  chat(
    @CurrentPlatform() p: Platform,
    @Param('streamId') streamId: string,
    @Body(LineBatchPipe) body: LineBatch,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.lines(p, streamId, 'chat', body, key, r);
  }

  @Post('streams/:streamId/transcripts')
  @ApiOperation({ summary: 'A batch of transcript lines (speech to text), each with its time and speaker; 202 queued' })
  @ApiAcceptedResponse({ type: TextBatchResponse, description: 'Queued' })
  @ApiOkResponse({ type: TextBatchResponse, description: 'Sent before with this Idempotency-Key: the same batch' })
  @ApiErrors({ 400: ['invalid_idempotency_key'], 404: ['stream_not_found'], 429: ['quota_exceeded'] })
  @ApiBody({ type: LineBatchDto })
  transcript(
    @CurrentPlatform() p: Platform,
    @Param('streamId') streamId: string,
    @Body(LineBatchPipe) body: LineBatch,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.lines(p, streamId, 'transcript', body, key, r);
  }

  @Post('streams/:streamId/tips')
  @ApiOperation({ summary: 'A batch of tip (gift) events; 202 queued' })
  @ApiAcceptedResponse({ type: TipBatchResponse, description: 'Queued' })
  @ApiOkResponse({ type: TipBatchResponse, description: 'Sent before with this Idempotency-Key: the same batch' })
  @ApiErrors({ 400: ['invalid_idempotency_key'], 404: ['stream_not_found'], 429: ['quota_exceeded'] })
  async tips(
    @CurrentPlatform() p: Platform,
    @Param('streamId') streamId: string,
    @Body() body: TipBatchDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) r: Response,
  ) {
    const events = body.events.map((e) => ({
      tipperId: e.tipperId,
      ageBand: e.ageBand,
      amount: e.amount,
      currency: e.currency,
      giftName: e.giftName,
      sentAt: new Date(e.at),
    }));
    const { batch, created } = await this.batches.acceptTips(p.id, streamId, events, key);
    r.status(created ? 202 : 200);
    return tipBatchView(batch);
  }

  @Get('text-batches/:id')
  @ApiOperation({
    summary:
      "A chat or transcript batch's status and its lines (a page of them); once classified, each line's scores per category, evidence spans, entity-bank matches and the flags it joined",
  })
  @ApiOkResponse({ type: TextBatchResponse })
  @ApiErrors({ 404: ['batch_not_found'] })
  async getText(@CurrentPlatform() p: Platform, @Param('id') id: string, @Query() query: LinePageQuery) {
    const batch = await this.batches.textLifecycle.getForPlatform(p.id, id);
    const lines = await this.batches.lines(batch.id);
    if (publicStatus(batch.stage) !== 'classified') return textBatchView(batch, lines);
    // Over the whole batch (at most 1000 lines), so its counts and flags do not depend on the page shown.
    const findings = await this.results.forTexts(
      'text_line',
      lines.map((l) => l.id),
    );
    const flags = await this.flagLinks.bySource(p.id, flagLookupIds(lines.map((l) => withSignals(l.id, findings))));
    const page = pageOf(query, LINE_PAGE);
    // Only the page's lines without stored scores, and only if the text model is loaded: never a wait.
    const rescore = unscored(lines.slice(page.offset, page.offset + page.limit), findings);
    const scores = await this.results.rescoreTexts(rescore.map((l) => l.text));
    const recomputed = scores ? new Map(rescore.map((l, i) => [l.id, scores[i]])) : null;
    return textBatchView(batch, lines, { findings, flags, page, recomputed });
  }

  @Get('tip-batches/:id')
  @ApiOperation({
    summary:
      "A tip batch's status and its events (a page of them); once classified, the tip rules each event tripped and the flags it joined",
  })
  @ApiOkResponse({ type: TipBatchResponse })
  @ApiErrors({ 404: ['batch_not_found'] })
  async getTips(@CurrentPlatform() p: Platform, @Param('id') id: string, @Query() query: BatchPageQuery) {
    const batch = await this.batches.tipLifecycle.getForPlatform(p.id, id);
    const events = await this.batches.events(batch.id);
    if (publicStatus(batch.stage) !== 'classified') return tipBatchView(batch, events);
    const findings = await this.results.forTipEvents(events.map((e) => e.id));
    const flags = await this.flagLinks.bySource(p.id, flagLookupIds(events.map((e) => withSignals(e.id, findings))));
    return tipBatchView(batch, events, { findings, flags, page: pageOf(query, BATCH_PAGE) });
  }

  private async lines(
    p: Platform,
    streamId: string,
    kind: TextKind,
    body: LineBatch,
    key: string | undefined,
    r: Response,
  ) {
    const lines = body.lines.map((l) => ({ sentAt: new Date(l.at), senderId: l.senderId ?? undefined, text: l.text }));
    const { batch, created } = await this.batches.acceptLines(p.id, streamId, kind, lines, key);
    r.status(created ? 202 : 200);
    return textBatchView(batch);
  }
}
