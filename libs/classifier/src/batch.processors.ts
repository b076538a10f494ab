import { Injectable } from '@nestjs/common';
import { AccountsService, BatchesService, StreamsService } from '@qinglang/ingest';
import type { ItemStage, TextBatch, TextLine } from '@qinglang/ingest';
import {
  HandlesJob,
  JobFailure,
  JobPayloads,
  JobQueue,
  ReconcilableJobHandler,
  ReconcileCursor,
  StuckCutoffs,
} from '@qinglang/queue';
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

/** Lines one run of the text processor classifies at most (its own batch and queued ones of its stream). */
const LINES_PER_RUN = 2000;

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

  /** Batches whose job runs in this process, and batches taken into another one's run (until it is done). */
  private readonly active = new Set<string>();
  private readonly inHand = new Map<string, Promise<unknown>>();

  async handle({ batchId }: JobPayloads['text-batch.process']): Promise<void> {
    // Taken into another batch's run in this process: wait for it; the batch is then at `flagging` or later.
    const taken = this.inHand.get(batchId);
    this.active.add(batchId);
    try {
      if (taken) await taken.catch(() => undefined);
      const hints = new Map<string, number | undefined>();
      let companions: TextBatch[] = [];
      const batch = await this.batches.textLifecycle.runStage(batchId, {
        from: 'unfinished',
        pending: UNPROCESSED,
        done: 'flagging',
        work: async (b) => {
          companions = await this.companionsOf(b);
          if (!companions.length) return void (await this.classify([b], hints));
          const run = this.classify([b, ...companions], hints);
          const held = companions;
          for (const c of held) this.inHand.set(c.id, run);
          try {
            await run;
            // Their signals are stored: they are where their own runs would have left them.
            for (const [i, c] of companions.entries()) {
              if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
              await this.batches.textLifecycle.advance(c.id, 'flagging');
            }
          } catch {
            // One of them may be what fails: this batch alone, and the others by their own jobs.
            companions = [];
            hints.clear();
            await this.classify([b], hints);
          } finally {
            for (const c of held) this.inHand.delete(c.id);
          }
        },
      });
      if (!batch) return;
      for (const b of [batch, ...companions]) {
        const newSignals = hints.get(b.id);
        await this.queue.enqueue('subject.flag', {
          subjectKind: 'stream',
          subjectId: b.streamId,
          item: { kind: 'text_batch', id: b.id },
          ...(newSignals !== undefined ? { newSignals } : {}),
        });
      }
    } finally {
      this.active.delete(batchId);
    }
  }

  /**
   * More of the stream's batches still queued, not in hand here, up to LINES_PER_RUN lines with this one's: when
   * a room's batches wait, one run classifies several (one screening call, one look-up of the streamer, the bank
   * and the viewers, one write of the signals) instead of a round of reads and writes each.
   */
  private async companionsOf(batch: TextBatch): Promise<TextBatch[]> {
    const queued = await this.batches.queuedTextBatches(batch.streamId, LINES_PER_RUN);
    const companions: TextBatch[] = [];
    let lines = batch.lineCount;
    for (const other of queued) {
      if (other.id === batch.id || this.active.has(other.id) || this.inHand.has(other.id)) continue;
      if (lines + other.lineCount > LINES_PER_RUN) break;
      lines += other.lineCount;
      companions.push(other);
    }
    return companions;
  }

  /** Batches of one stream through the text classifier; their signals stored, each one's count in `hints`. */
  private async classify(batches: TextBatch[], hints: Map<string, number | undefined>): Promise<void> {
    const { streamId, platformId } = batches[0];
    const lineSets = await Promise.all(batches.map((b) => this.batches.linesToClassify(b.id)));
    const lines = lineSets.flat();
    const batchOf = lineSets.flatMap((set, i) => set.map(() => batches[i]));
    // The lines are classified on the text screening thread, not on the event loop, while the streamer is read.
    const [screened, streamer] = await Promise.all([
      this.text.screen(lines.map((line) => line.text)),
      this.streamerOf(streamId),
    ]);
    const text = this.text.fromScreening(screened, (index) => {
      const [line, b] = [lines[index], batchOf[index]];
      return {
        sourceKind: 'text_line' as const,
        sourceId: line.id,
        platformId,
        text: line.text,
        subject: { kind: 'stream' as const, id: streamId },
        context: { kind: b.kind, senderId: line.senderId, at: line.sentAt.toISOString(), atMs: line.sentAt.getTime() },
        actor: lineActor(b, line, streamer),
      };
    });
    // Only lines with a contact or link can match the entity bank.
    const signals = [...text.signals, ...(await this.bankSignals.forItems(text.withEntities))];
    await this.attributeViewers(platformId, signals, lines);
    // On SQLite each query answers at once: without a turn of the event loop between the steps, a run would be one
    // long task that holds up the POSTs waiting.
    await new Promise((resolve) => setImmediate(resolve));
    await this.signals.recordNew(signals);
    const signalsOf = new Map<string, number>();
    const batchOfLine = new Map(lines.map((line, i) => [line.id, batchOf[i].id]));
    for (const signal of signals) {
      const id = batchOfLine.get(signal.sourceId)!;
      signalsOf.set(id, (signalsOf.get(id) ?? 0) + 1);
    }
    for (const [i, b] of batches.entries()) {
      // The streamer's own lines count even when they are no evidence (they may repeat a flood's contact).
      const streamers = lineSets[i].some((line) => lineActor(b, line, streamer).role === 'streamer');
      hints.set(b.id, streamers ? undefined : (signalsOf.get(b.id) ?? 0));
    }
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

  findUnfinished(cutoffs: StuckCutoffs, after?: ReconcileCursor) {
    return this.batches.textLifecycle.stuck(cutoffs, after, (b) => ({ batchId: b.id }));
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

  findUnfinished(cutoffs: StuckCutoffs, after?: ReconcileCursor) {
    return this.batches.tipLifecycle.stuck(cutoffs, after, (b) => ({ batchId: b.id }));
  }
}
