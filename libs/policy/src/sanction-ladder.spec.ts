import { Invalid } from './policy-reader';
import { LadderRung, VIEWER_ACTIONS, isSevere, nextRung, parseRung } from './sanction-ladder';

describe('sanction ladder', () => {
  const gambling = ['warning', 'suspension 3d', 'suspension 30d', 'delisting'].map((r) => parseRung(r) as LadderRung);

  it('parses rungs and refuses anything else', () => {
    expect(parseRung('suspension 7d')).toEqual({ action: 'suspension', days: 7 });
    expect(parseRung('delisting')).toEqual({ action: 'delisting' });
    expect(parseRung('ban')).toEqual(
      new Invalid('"ban" is not a sanction: use warning, "suspension <N>d" or delisting'),
    );
    expect(parseRung('suspension 0d')).toBeInstanceOf(Invalid);
    expect(parseRung('delisting 3d')).toBeInstanceOf(Invalid);
    // A viewer's rung is not a creator's, and the other way round.
    expect(parseRung('chat_mute 1d')).toBeInstanceOf(Invalid);
    expect(parseRung('suspension 3d', VIEWER_ACTIONS)).toBeInstanceOf(Invalid);
  });

  it.each([
    ['chat_mute 1d', { action: 'chat_mute', days: 1 }],
    ['chat_ban 30d', { action: 'chat_ban', days: 30 }],
    ['account_ban', { action: 'account_ban' }],
  ])('parses the viewer rung %s', (text, rung) => {
    expect(parseRung(text, VIEWER_ACTIONS)).toEqual(rung);
  });

  it.each([
    [{ action: 'warning' }, false],
    [{ action: 'suspension', days: 29 }, false],
    [{ action: 'suspension', days: 30 }, true],
    [{ action: 'delisting' }, true],
    [{ action: 'chat_mute', days: 1 }, false],
    [{ action: 'chat_ban', days: 30 }, true],
    [{ action: 'account_ban' }, true],
  ] as Array<[LadderRung, boolean]>)('%j is severe (must be echoed): %s', (rung, severe) => {
    expect(isSevere(rung)).toBe(severe);
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
