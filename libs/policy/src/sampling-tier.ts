import type { SamplingRules } from './policy';

export type SamplingTierName = 'open_flag' | 'strikes' | 'large_audience' | 'default';

export interface StreamRisk {
  hasOpenFlag: boolean;
  strikesInWindow: number;
  viewers: number;
}

/** The sampling tier of a live stream and its interval: the riskiest that applies (the shortest interval). */
export function samplingTier(
  risk: StreamRisk,
  rules: SamplingRules,
): { tier: SamplingTierName; intervalSeconds: number } {
  const applicable: Array<[SamplingTierName, number]> = [['default', rules.defaultSeconds]];
  if (risk.hasOpenFlag) applicable.push(['open_flag', rules.openFlagSeconds]);
  if (risk.strikesInWindow > 0) applicable.push(['strikes', rules.strikesSeconds]);
  if (risk.viewers >= rules.largeAudienceViewers) applicable.push(['large_audience', rules.largeAudienceSeconds]);
  const [tier, intervalSeconds] = applicable.reduce((best, next) => (next[1] < best[1] ? next : best));
  return { tier, intervalSeconds };
}
