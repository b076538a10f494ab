import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from './policy';
import { samplingTier } from './sampling-tier';

const RULES = {
  defaultSeconds: 5,
  openFlagSeconds: 1,
  strikesSeconds: 2,
  largeAudienceViewers: 10_000,
  largeAudienceSeconds: 2,
};
const calm = { hasOpenFlag: false, strikesInWindow: 0, viewers: 100 };

describe('samplingTier', () => {
  it.each([
    ['nothing against it', calm, 'default', 5],
    ['an open flag', { ...calm, hasOpenFlag: true }, 'open_flag', 1],
    ['a strike in the window', { ...calm, strikesInWindow: 1 }, 'strikes', 2],
    ['a large audience, at the threshold', { ...calm, viewers: 10_000 }, 'large_audience', 2],
    ['one viewer short of it', { ...calm, viewers: 9_999 }, 'default', 5],
    ['an open flag beats the rest', { hasOpenFlag: true, strikesInWindow: 3, viewers: 1e6 }, 'open_flag', 1],
  ])('%s → %s, %i s', (_case, risk, tier, interval) => {
    expect(samplingTier(risk, RULES)).toEqual({ tier, intervalSeconds: interval });
  });

  it('reads the shipped tiers from the policy', () => {
    const policy = parsePolicy(readFileSync(join(process.cwd(), 'config', 'policy.yaml'), 'utf8'));
    expect(policy.sampling).toEqual(RULES);
  });

  it('refuses an interval below half a second, naming the line', () => {
    const shipped = readFileSync(join(process.cwd(), 'config', 'policy.yaml'), 'utf8');
    const bad = shipped.replace('open_flag_seconds: 1 ', 'open_flag_seconds: 0.1 ');
    expect(() => parsePolicy(bad, 'policy.yaml')).toThrow(/policy\.yaml:\d+: sampling\.open_flag_seconds/);
  });
});
