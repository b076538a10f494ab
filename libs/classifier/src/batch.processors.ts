import { Injectable } from '@nestjs/common';
import { AccountsService, BatchesService, StreamsService } from '@qinglang/ingest';
import type { ItemStage, TextBatch, TextLine } from '@qinglang/ingest';
import { HandlesJob, JobFailure, JobPayloads, JobQueue, ReconcilableJobHandler } from '@qinglang/queue';
import { SignalsService } from './signals.service';
import type { Signal } from './signal.entity';
import { TextSignals } from './text-signals.service';
import { BankSignals } from './bank-signals.service';
import { TipSignals } from './tips/tip-signals.service';

/**
 * Who a line is from: a transcript is the streamer speaking; a chat line is the streamer's own when its sender is
 * the streamer's account, otherwise a viewer's (its account resolved later, for lines that are evidence).
 */
export function lineActor(
  batch: Pick<TextBatch, 'kind'>,
  line: Pick<TextLine, 'senderId'>,
  streamer: { accountId: string; externalId: string | null } | null,
): { role: 'streamer' | 'viewer'; accountId: string | null } {
  if (batch.kind === 'transcript' || (line.senderId && line.senderId === streamer?.externalId))
    return { role: 'streamer', accountId: streamer?.accountId ?? null };
  return { role: 'viewer', accountId: null };
}

/** A batch is processed in one step; once at `flagging` only the hand-off to flagging remains. */
const UNPROCESSED: ItemStage[] = ['queued', 'sampling', 'sampled', 'classifying'];

/** A chat or transcript batch: each line through the text classifier; lines that are evidence become signals. */
@Injectable()
@HandlesJob('text-batch.process')
export class TextBatchProcessor implements ReconcilableJobHandler<'text-batch.process'> {
  constructor(
    private readonly batches: BatchesService,
    private readonly text: TextSignals,
    private readonly signals: SignalsService,
    private readonly queue: JobQueue,
    private readonly streams: StreamsService,
    private readonly accounts: AccountsService,
    private readonly bankSignals: BankSignals,
  ) {}

  async handle({ batchId }: JobPayloads['text-batch.process']): Promise<void> {
    let newSignals: number | undefined;
    const batch = await this.batches.textLifecycle.runStage(batchId, {
      from: 'unfinished',
      pending: UNPROCESSED,
      done: 'flagging',
      work: async (b) => {
        const lines = await this.batches.linesToClassify(b.id);
        // The lines are classified on the text screening thread, not on the event loop, while the streamer is read.
        const [screened, streamer] = await Promise.all([
          this.text.screen(lines.map((line) => line.text)),
          this.streamerOf(b.streamId),
        ]);
        const items = lines.map((line) => ({
          sourceKind: 'text_line' as const,
          sourceId: line.id,
          platformId: b.platformId,
          text: line.text,
          subject: { kind: 'stream' as const, id: b.streamId },
          context: {
            kind: b.kind,
            senderId: line.senderId,
            at: line.sentAt.toISOString(),
            atMs: line.sentAt.getTime(),
          },
          actor: lineActor(b, line, streamer),
        }));
        const text = this.text.fromScreening(items, screened);
        // Only lines with a contact or link can match the entity bank.
        const signals = [
          ...text.signals,
          ...(await this.bankSignals.forItems(text.items.filter((i) => i.entities?.length))),
        ];
        await this.attributeViewers(b.platformId, signals, lines);
        await this.signals.recordNew(signals);
        // The streamer's own lines count even when they are no evidence (they may repeat a flood's contact).
        newSignals = items.some((i) => i.actor.role === 'streamer') ? undefined : signals.length;
      },
    });
    if (!batch) return;
    await this.queue.enqueue('subject.flag', {
      subjectKind: 'stream',
      subjectId: batch.streamId,
      item: { kind: 'text_batch', id: batchId },
      ...(newSignals !== undefined ? { newSignals } : {}),
    });
  }

  private async streamerOf(streamId: string): Promise<{ accountId: string; externalId: string | null } | null> {
    const stream = await this.streams.findById(streamId);
    if (!stream) return null;
    const account = await this.accounts.findById(stream.accountId);
    return { accountId: stream.accountId, externalId: account?.externalId ?? null };
  }

  /**
   * A viewer's account is looked up (created on first sight) only for the lines that became signals: most chat is
   * not evidence, and an account per chatter would cost a write per line.
   */
  private async attributeViewers(platformId: string, signals: Signal[], lines: TextLine[]): Promise<void> {
    const senders = new Map(lines.map((l) => [l.id, l.senderId]));
    const viewers = signals.filter((s) => s.actorRole === 'viewer' && senders.get(s.sourceId));
    // All at once: on SQLite they queue as one, on PostgreSQL they share the pool (findOrCreate is safe so).
    const accounts = new Map(
      await Promise.all(
        [...new Set(viewers.map((s) => senders.get(s.sourceId)!))].map(
          async (senderId) => [senderId, (await this.accounts.findOrCreate(platformId, senderId)).id] as const,
        ),
      ),
    );
    for (const signal of viewers) signal.actorAccountId = accounts.get(senders.get(signal.sourceId)!)!;
  }

  async onFailed({ batchId }: JobPayloads['text-batch.process'], failure: JobFailure): Promise<void> {
    await this.batches.textLifecycle.fail(batchId, failure.code, failure.reason);
  }

  async findUnfinished(updatedBefore: Date) {
    return (await this.batches.textLifecycle.unfinished(updatedBefore)).map((b) => ({ batchId: b.id }));
  }
}

/** A tip batch: the tip rules over each event; events a rule hits become `tipping` signals. */
@Injectable()
@HandlesJob('tip-batch.process')
export class TipBatchProcessor implements ReconcilableJobHandler<'tip-batch.process'> {
  constructor(
    private readonly batches: BatchesService,
    private readonly tips: TipSignals,
    private readonly signals: SignalsService,
    private readonly queue: JobQueue,
  ) {}

  async handle({ batchId }: JobPayloads['tip-batch.process']): Promise<void> {
    let newSignals: number | undefined;
    const batch = await this.batches.tipLifecycle.runStage(batchId, {
      from: 'unfinished',
      pending: UNPROCESSED,
      done: 'flagging',
      work: async (b) => {
        const signals = await this.tips.forEvents(await this.batches.events(b.id));
        await this.signals.recordNew(signals);
        newSignals = signals.length;
      },
    });
    if (!batch) return;
    await this.queue.enqueue('subject.flag', {
      subjectKind: 'stream',
      subjectId: batch.streamId,
      item: { kind: 'tip_batch', id: batchId },
      ...(newSignals !== undefined ? { newSignals } : {}),
    });
  }

  async onFailed({ batchId }: JobPayloads['tip-batch.process'], failure: JobFailure): Promise<void> {
    await this.batches.tipLifecycle.fail(batchId, failure.code, failure.reason);
  }

  async findUnfinished(updatedBefore: Date) {
    return (await this.batches.tipLifecycle.unfinished(updatedBefore)).map((b) => ({ batchId: b.id }));
  }
}
