import { TipFact, evaluateTip } from './tip-rules';

const rules = {
  windowSeconds: 3600,
  tipperAmountCap: 1000,
  singleTipCap: 500,
  structuringMinCount: 3,
  burstSeconds: 120,
  burstMinTips: 5,
  linkedStreamsMin: 3,
};
let n = 0;
const tip = (over: Partial<TipFact> = {}): TipFact => ({
  id: `t${n++}`,
  streamId: 's1',
  tipperId: 'fan',
  ageBand: 'adult',
  amount: 10,
  at: 1_000_000,
  ...over,
});
const none = { tipperTips: [], streamTips: [], inducements: [] };
const rulesOf = (hits: Array<{ rule: string }>) => hits.map((h) => h.rule);

describe('evaluateTip', () => {
  it('flags a tipper marked as a minor, and nothing about an ordinary adult tip', () => {
    const minor = tip({ ageBand: 'minor' });
    expect(rulesOf(evaluateTip(minor, { ...none, tipperTips: [minor] }, rules))).toEqual(['minor_tipper']);
    const adult = tip();
    expect(evaluateTip(adult, { ...none, tipperTips: [adult], streamTips: [adult] }, rules)).toEqual([]);
  });

  it('flags a tipper over the cap within the window, not over a longer time', () => {
    const earlier = [tip({ amount: 600, at: 1_000_000 - 10_000 }), tip({ amount: 300, at: 1_000_000 - 5_000 })];
    const now = tip({ amount: 200 });
    expect(rulesOf(evaluateTip(now, { ...none, tipperTips: [...earlier, now] }, rules))).toEqual(['tipper_over_cap']);
    const old = [tip({ amount: 600, at: 1_000_000 - 4_000_000 }), tip({ amount: 300, at: 1_000_000 - 5_000 })];
    expect(evaluateTip(now, { ...none, tipperTips: [...old, now] }, rules)).toEqual([]);
  });

  it('flags repeated tips just under the single-tip cap', () => {
    const tips = [tip({ amount: 499, at: 999_000 }), tip({ amount: 480, at: 999_500 }), tip({ amount: 499 })];
    const hits = evaluateTip(tips[2], { ...none, tipperTips: tips }, { ...rules, tipperAmountCap: 100_000 });
    expect(rulesOf(hits)).toEqual(['structuring']);
    expect(hits[0].relatedTipIds).toHaveLength(3);
  });

  it('flags a burst of tips right after an inducement line, not one long after', () => {
    const inducement = { signalId: 'sig', text: '刷十个火箭加微信', at: 1_000_000 - 30_000 };
    const burst = Array.from({ length: 5 }, (_, i) => tip({ tipperId: `fan${i}`, at: 1_000_000 - 20_000 + i * 1000 }));
    const hits = evaluateTip(burst[4], { tipperTips: [burst[4]], streamTips: burst, inducements: [inducement] }, rules);
    expect(rulesOf(hits)).toEqual(['burst_after_inducement']);
    expect(hits[0].inducement?.text).toBe('刷十个火箭加微信');
    const late = { ...inducement, at: 1_000_000 - 600_000 };
    expect(evaluateTip(burst[4], { tipperTips: [burst[4]], streamTips: burst, inducements: [late] }, rules)).toEqual(
      [],
    );
  });

  it('flags one tipper across many streams in the window', () => {
    const tips = ['s1', 's2', 's3'].map((streamId, i) => tip({ streamId, at: 1_000_000 - i * 1000 }));
    expect(rulesOf(evaluateTip(tips[0], { ...none, tipperTips: tips }, rules))).toEqual(['linked_streams']);
  });
});
