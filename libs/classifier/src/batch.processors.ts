import { Injectable } from '@nestjs/common';
import { BatchesService } from '@qinglang/ingest';
import type { ItemStage } from '@qinglang/ingest';
import { HandlesJob, JobFailure, JobPayloads, JobQueue, ReconcilableJobHandler } from '@qinglang/queue';
import { SignalsService } from './signals.service';
import { TextSignals } from './text-signals.service';
import { TipSignals } from './tips/tip-signals.service';

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
  ) {}

  async handle({ batchId }: JobPayloads['text-batch.process']): Promise<void> {
    const batch = await this.batches.textLifecycle.runStage(batchId, {
      from: 'unfinished',
      pending: UNPROCESSED,
      done: 'flagging',
      work: async (b) => {
        const lines = await this.batches.lines(b.id);
        const signals = this.text.toSignals(
          lines.map((line) => ({
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
          })),
        );
        await this.signals.recordNew(signals);
      },
    });
    if (!batch) return;
    await this.queue.enqueue('subject.flag', {
      subjectKind: 'stream',
      subjectId: batch.streamId,
      item: { kind: 'text_batch', id: batchId },
    });
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
    const batch = await this.batches.tipLifecycle.runStage(batchId, {
      from: 'unfinished',
      pending: UNPROCESSED,
      done: 'flagging',
      work: async (b) => {
        await this.signals.recordNew(await this.tips.forEvents(await this.batches.events(b.id)));
      },
    });
    if (!batch) return;
    await this.queue.enqueue('subject.flag', {
      subjectKind: 'stream',
      subjectId: batch.streamId,
      item: { kind: 'tip_batch', id: batchId },
    });
  }

  async onFailed({ batchId }: JobPayloads['tip-batch.process'], failure: JobFailure): Promise<void> {
    await this.batches.tipLifecycle.fail(batchId, failure.code, failure.reason);
  }

  async findUnfinished(updatedBefore: Date) {
    return (await this.batches.tipLifecycle.unfinished(updatedBefore)).map((b) => ({ batchId: b.id }));
  }
}
