import { Invalid } from './policy-reader';
import { LadderRung, nextRung, parseRung } from './sanction-ladder';

describe('sanction ladder', () => {
  const gambling = ['warning', 'suspension 3d', 'suspension 30d', 'delisting'].map((r) => parseRung(r) as LadderRung);

  it('parses rungs and refuses anything else', () => {
    expect(parseRung('suspension 7d')).toEqual({ action: 'suspension', days: 7 });
    expect(parseRung('delisting')).toEqual({ action: 'delisting' });
    expect(parseRung('ban')).toEqual(
      new Invalid('"ban" is not a sanction: use warning, "suspension <N>d" or delisting'),
    );
    expect(parseRung('suspension 0d')).toBeInstanceOf(Invalid);
  });

  it('climbs one step per strike and stays on the last step', () => {
    expect([0, 1, 2, 3, 4].map((n) => nextRung(gambling, n))).toEqual([
      { action: 'warning' },
      { action: 'suspension', days: 3 },
      { action: 'suspension', days: 30 },
      { action: 'delisting' },
      { action: 'delisting' },
    ]);
  });

  it('raises the step to a floor, never lowers it', () => {
    const floor = { action: 'suspension' as const, days: 30 };
    expect(nextRung(gambling, 0, floor)).toEqual(floor);
    expect(nextRung(gambling, 3, floor)).toEqual({ action: 'delisting' });
  });
});
