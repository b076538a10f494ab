import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPlatform, Platform } from '@qinglang/platforms';
import { LineBatch, LineBatchDto, LineBatchPipe, TipBatchDto } from '../dto/batch.dto';
import { BatchesService } from '../services/batches.service';
import { textBatchView, tipBatchView } from '../views';
import { IdempotencyKey } from './idempotency-key.decorator';
import type { TextKind } from '../entities/text-batch.entity';
import { AcceptsWork } from './accepts-work.guard';

@ApiTags('chat, transcripts and tips')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@AcceptsWork()
@Controller('v1')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post('streams/:streamId/chat')
  @ApiOperation({ summary: 'A batch of chat (danmaku) lines, each with its time and sender; 202 queued' })
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
  async getText(@CurrentPlatform() p: Platform, @Param('id') id: string) {
    const batch = await this.batches.textLifecycle.getForPlatform(p.id, id);
    return textBatchView(batch, await this.batches.lines(batch.id));
  }

  @Get('tip-batches/:id')
  async getTips(@CurrentPlatform() p: Platform, @Param('id') id: string) {
    const batch = await this.batches.tipLifecycle.getForPlatform(p.id, id);
    return tipBatchView(batch, await this.batches.events(batch.id));
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
