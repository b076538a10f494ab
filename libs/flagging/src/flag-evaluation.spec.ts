import { judgeEvidence, signalsInWindow } from './flag-evaluation';
import { combineEvidence } from './flag-policy';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const signal = (id: string, seconds: number, gambling: number, subjectId = 'stream-1') => ({
  id,
  subjectId,
  createdAt: ago(seconds),
  categories: { gambling },
});
const RULE = { windowSeconds: 600, evidenceThreshold: 0.3, flagThreshold: 0.8 };

describe('signalsInWindow', () => {
  it.each([
    ['inside the window', signal('a', 10, 0.9), true],
    ['at the window start exactly', signal('a', 600, 0.9), true],
    [
      'one millisecond before the window',
      { ...signal('a', 600, 0.9), createdAt: new Date(ago(600).getTime() - 1) },
      false,
    ],
    ['at the evidence threshold', signal('a', 10, 0.3), true],
    ['just under the evidence threshold', signal('a', 10, 0.2999), false],
    ['without the category', { ...signal('a', 10, 0), categories: { porn: 0.99 } }, false],
    ['with no scores', { ...signal('a', 10, 0), categories: null }, false],
  ])('a signal %s: counts = %s', (_case, s, counts) => {
    expect(signalsInWindow([s], 'gambling', RULE, NOW)).toHaveLength(counts ? 1 : 0);
  });
});

describe('judgeEvidence', () => {
  const none = new Set<string>();
  const first = { hasOpenFlag: false, minSubjects: 1 };

  it.each([
    ['one strong signal opens a flag', [signal('a', 1, 0.9)], none, first, 0.9],
    ['one weak signal does not', [signal('a', 1, 0.5)], none, first, null],
    [
      'weak signals add up as a noisy-OR',
      [signal('a', 1, 0.6), signal('b', 2, 0.6)],
      none,
      first,
      combineEvidence([0.6, 0.6]),
    ],
    ['an open flag takes weak evidence', [signal('a', 1, 0.5)], none, { hasOpenFlag: true, minSubjects: 1 }, 0.5],
    ['decided evidence never counts again', [signal('a', 1, 0.95)], new Set(['a']), first, null],
    ['only the undecided part counts', [signal('a', 1, 0.95), signal('b', 1, 0.5)], new Set(['a']), first, null],
    [
      'an account flag needs two subjects',
      [signal('a', 1, 0.95), signal('b', 1, 0.95)],
      none,
      { hasOpenFlag: false, minSubjects: 2 },
      null,
    ],
    [
      'two subjects meet it',
      [signal('a', 1, 0.7, 's1'), signal('b', 1, 0.7, 's2')],
      none,
      { hasOpenFlag: false, minSubjects: 2 },
      combineEvidence([0.7, 0.7]),
    ],
    ['at the flag threshold exactly', [signal('a', 1, 0.8)], none, first, 0.8],
  ])('%s', (_case, signals, decided, options, expected) => {
    const verdict = judgeEvidence(signals, decided, 'gambling', RULE, options);
    expect(verdict?.confidence ?? null).toBe(expected);
    if (verdict) expect(verdict.evidence.every((s) => !decided.has(s.id))).toBe(true);
  });
});
