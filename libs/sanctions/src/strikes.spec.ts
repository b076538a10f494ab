import { nextRung, parseRung } from '@qinglang/policy';
import type { LadderRung } from '@qinglang/policy';
import { countStrikes, isDueToExpire, suspensionEnd } from './strikes';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const daysAgo = (days: number, ms = 0) => new Date(NOW.getTime() - days * 86_400_000 - ms);
const strike = (days: number, status = 'active', kind = 'sanction', ms = 0) =>
  ({ kind, status, issuedAt: daysAgo(days, ms) }) as Parameters<typeof countStrikes>[0][number];

describe('countStrikes (90-day window)', () => {
  it.each([
    ['none', [], 0],
    ['an active warning', [strike(1)], 1],
    ['an expired suspension still counts', [strike(10, 'expired')], 1],
    ['a revoked sanction does not', [strike(10, 'revoked')], 0],
    ['an interim interruption is not a strike', [strike(1, 'active', 'interim')], 0],
    ['a lifted interim', [strike(1, 'lifted', 'interim')], 0],
    ['issued exactly 90 days ago', [strike(90)], 1],
    ['one millisecond older', [strike(90, 'active', 'sanction', 1)], 0],
    [
      'a mix',
      [strike(1), strike(30, 'expired'), strike(40, 'revoked'), strike(100), strike(2, 'active', 'interim')],
      2,
    ],
  ])('%s → %i', (_case, sanctions, expected) => {
    expect(countStrikes(sanctions, NOW, 90)).toBe(expected);
  });
});

describe('the ladder with strikes and floors', () => {
  const ladder = ['warning', 'suspension 3d', 'suspension 30d', 'delisting'].map((r) => parseRung(r)) as LadderRung[];
  const floor30 = parseRung('suspension 30d') as LadderRung;
  it.each([
    [0, undefined, 'warning'],
    [1, undefined, 'suspension 3d'],
    [2, undefined, 'suspension 30d'],
    [3, undefined, 'delisting'],
    [7, undefined, 'delisting'], // the last rung repeats
    [0, floor30, 'suspension 30d'], // a reason's floor raises a first strike
    [3, floor30, 'delisting'], // and never lowers a harsher rung
  ])('%i strikes, floor %j → %s', (strikes, floor, expected) => {
    const rung = nextRung(ladder, strikes, floor);
    expect(rung.action === 'suspension' ? `suspension ${rung.days}d` : rung.action).toBe(expected);
  });
});

describe('isDueToExpire', () => {
  const issued = daysAgo(3);
  const suspension = { status: 'active' as const, action: 'suspension', endsAt: suspensionEnd(issued, 3) };
  it.each([
    ['ends now', suspension, NOW, true],
    ['one second before its end', suspension, new Date(NOW.getTime() - 1000), false],
    ['one second after', suspension, new Date(NOW.getTime() + 1000), true],
    ['already expired', { ...suspension, status: 'expired' as const }, NOW, false],
    ['revoked', { ...suspension, status: 'revoked' as const }, NOW, false],
    ['a warning has no end', { status: 'active' as const, action: 'warning', endsAt: null }, NOW, false],
    ['a delisting is permanent', { status: 'active' as const, action: 'delisting', endsAt: null }, NOW, false],
  ])('%s → %s', (_case, sanction, at, expected) => {
    expect(isDueToExpire(sanction, at)).toBe(expected);
  });
});
