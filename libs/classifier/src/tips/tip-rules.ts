import type { TippingRules } from '@qinglang/policy/policy';

export interface TipFact {
  id: string;
  streamId: string;
  tipperId: string;
  ageBand: 'minor' | 'adult' | 'unknown';
  amount: number;
  at: number;
}

export interface InducementFact {
  /** The chat or transcript line whose text scored as tipping inducement. */
  signalId: string;
  text: string;
  at: number;
}

export interface TipRuleHit {
  rule: 'minor_tipper' | 'tipper_over_cap' | 'structuring' | 'burst_after_inducement' | 'linked_streams';
  score: number;
  /** Other tips that make the case, and the inducement line if any. */
  relatedTipIds: string[];
  inducement?: InducementFact;
  explanation: string;
}

// How strongly each rule alone points at illicit tipping: a minor tipping is a violation in itself; the others
// are patterns a reviewer should look at, and add up with other evidence in the flag window.
const SCORES: Record<TipRuleHit['rule'], number> = {
  minor_tipper: 0.95,
  burst_after_inducement: 0.8,
  tipper_over_cap: 0.7,
  structuring: 0.7,
  linked_streams: 0.5,
};

/**
 * Rules over one tip and what surrounds it: the tipper's other tips on this stream and across streams in the
 * window, and inducement lines on this stream shortly before. Pure, so each rule is tested on its own.
 */
export function evaluateTip(
  tip: TipFact,
  context: { tipperTips: TipFact[]; streamTips: TipFact[]; inducements: InducementFact[] },
  rules: TippingRules,
): TipRuleHit[] {
  const hits: TipRuleHit[] = [];
  const windowStart = tip.at - rules.windowSeconds * 1000;
  const inWindow = (t: TipFact) => t.at >= windowStart && t.at <= tip.at;
  if (tip.ageBand === 'minor') {
    hits.push({
      rule: 'minor_tipper',
      score: SCORES.minor_tipper,
      relatedTipIds: [],
      explanation: 'The platform marks this tipper as a minor; minors may not tip.',
    });
  }
  const onStream = context.tipperTips.filter((t) => t.streamId === tip.streamId && inWindow(t));
  const total = onStream.reduce((sum, t) => sum + t.amount, 0);
  if (total > rules.tipperAmountCap) {
    hits.push({
      rule: 'tipper_over_cap',
      score: SCORES.tipper_over_cap,
      relatedTipIds: onStream.map((t) => t.id),
      explanation: `This tipper gave ${total} to this stream within ${rules.windowSeconds} s; the cap is ${rules.tipperAmountCap}.`,
    });
  }
  const justUnder = onStream.filter((t) => t.amount >= rules.singleTipCap * 0.9 && t.amount < rules.singleTipCap);
  if (justUnder.length >= rules.structuringMinCount && justUnder.some((t) => t.id === tip.id)) {
    hits.push({
      rule: 'structuring',
      score: SCORES.structuring,
      relatedTipIds: justUnder.map((t) => t.id),
      explanation: `${justUnder.length} tips just under the single-tip cap of ${rules.singleTipCap}.`,
    });
  }
  const inducement = context.inducements
    .filter((i) => i.at <= tip.at && tip.at - i.at <= rules.burstSeconds * 1000)
    .sort((a, b) => b.at - a.at)[0];
  if (inducement) {
    const burst = context.streamTips.filter(
      (t) => t.streamId === tip.streamId && t.at >= inducement.at && t.at <= inducement.at + rules.burstSeconds * 1000,
    );
    if (burst.length >= rules.burstMinTips) {
      hits.push({
        rule: 'burst_after_inducement',
        score: SCORES.burst_after_inducement,
        relatedTipIds: burst.map((t) => t.id),
        inducement,
        explanation: `${burst.length} tips within ${rules.burstSeconds} s after an inducement to tip.`,
      });
    }
  }
  const streams = new Set(context.tipperTips.filter(inWindow).map((t) => t.streamId));
  if (streams.size >= rules.linkedStreamsMin) {
    hits.push({
      rule: 'linked_streams',
      score: SCORES.linked_streams,
      relatedTipIds: context.tipperTips.filter(inWindow).map((t) => t.id),
      explanation: `This tipper tipped ${streams.size} different streams within ${rules.windowSeconds} s.`,
    });
  }
  return hits;
}
