import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { TipEvent } from '@qinglang/ingest';
import { BatchesService } from '@qinglang/ingest';
import { newId } from '@qinglang/persistence';
import { PolicyService } from '@qinglang/policy';
import { Signal } from '../signal.entity';
import { SignalsService } from '../signals.service';
import { InducementFact, TipFact, evaluateTip } from './tip-rules';

const toFact = (e: TipEvent): TipFact => ({
  id: e.id,
  streamId: e.streamId,
  tipperId: e.tipperId,
  ageBand: e.ageBand,
  amount: Number(e.amount),
  at: e.sentAt.getTime(),
});

/** Runs the tip rules over a batch's events with the policy in force; one `tipping` signal per event a rule hits. */
@Injectable()
export class TipSignals {
  readonly model = 'qinglang-tip-rules';

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly batches: BatchesService,
    private readonly signals: SignalsService,
    private readonly policy: PolicyService,
  ) {}

  async forEvents(events: TipEvent[], now = this.clock.now()): Promise<Signal[]> {
    if (!events.length) return [];
    const rules = this.policy.policy.tipping;
    const windowMs = rules.windowSeconds * 1000;
    const times = events.map((e) => e.sentAt.getTime());
    const from = new Date(Math.min(...times) - windowMs);
    const to = new Date(Math.max(...times) + rules.burstSeconds * 1000);
    const streamId = events[0].streamId;
    const streamTips = (await this.batches.tipsOfStream(streamId, from, to)).map(toFact);
    const inducements = await this.inducements(streamId, new Date(now.getTime() - windowMs));
    const byTipper = new Map<string, TipFact[]>();
    const signals: Signal[] = [];
    for (const event of events) {
      if (!byTipper.has(event.tipperId))
        byTipper.set(
          event.tipperId,
          (await this.batches.tipsOfTipper(event.platformId, event.tipperId, from, to)).map(toFact),
        );
      const hits = evaluateTip(
        toFact(event),
        { tipperTips: byTipper.get(event.tipperId)!, streamTips, inducements },
        rules,
      );
      if (!hits.length) continue;
      const score = Math.max(...hits.map((h) => h.score));
      signals.push(
        Object.assign(new Signal(), {
          id: newId(),
          platformId: event.platformId,
          sourceKind: 'tip_event' as const,
          sourceId: event.id,
          model: this.model,
          modelVersion: this.policy.version,
          scores: Object.fromEntries(hits.map((h) => [h.rule, h.score])),
          topLabel: hits.reduce((a, b) => (b.score > a.score ? b : a)).rule,
          subjectKind: 'stream' as const,
          subjectId: event.streamId,
          categories: { tipping: score },
          detail: {
            event: {
              tipperId: event.tipperId,
              ageBand: event.ageBand,
              amount: event.amount,
              currency: event.currency,
              giftName: event.giftName,
              at: event.sentAt.toISOString(),
            },
            rules: hits.map((h) => ({
              rule: h.rule,
              score: h.score,
              explanation: h.explanation,
              relatedTipIds: h.relatedTipIds,
              inducement: h.inducement ?? null,
            })),
          },
          streamTimeMs: null,
          createdAt: now,
          // The tipper gave; the room that took the tips answers for them (tipping rules are about the room's
          // conduct), so the signal counts against the stream, with the tipper named in its detail.
          actorRole: 'tipper',
          actorAccountId: null,
        } satisfies Signal),
      );
    }
    return signals;
  }

  /**
   * Chat and transcript lines on the stream that scored as inducement to tip, among those processed within the
   * window (chat and tips arrive as they happen, so processing time stands in for event time in the lookup; the
   * rule itself compares the lines' and tips' own times).
   */
  private async inducements(streamId: string, since: Date): Promise<InducementFact[]> {
    const threshold = this.policy.rule('tipping').evidenceThreshold;
    const lines = await this.signals.forSubject('stream', streamId, since);
    return lines
      .filter(
        (s) =>
          s.sourceKind === 'text_line' &&
          (s.categories?.tipping ?? 0) >= threshold &&
          typeof s.detail?.atMs === 'number',
      )
      .map((s) => ({ signalId: s.id, text: String(s.detail!.text as string), at: s.detail!.atMs as number }));
  }
}
