import {
  answerableParty,
  autoActionHolds,
  floodSignals,
  isStreamersOwnContent,
  judgeEvidence,
  roomAnswersForFlood,
  signalsInWindow,
} from './flag-evaluation';
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

describe('attribution', () => {
  it.each([
    [{ sourceKind: 'frame', actorRole: 'streamer', actorAccountId: 'host' }, 'owner', true],
    [{ sourceKind: 'frame_text', actorRole: null }, 'owner', true],
    [{ sourceKind: 'text_line', actorRole: 'streamer', detail: { kind: 'transcript' } }, 'owner', true],
    [{ sourceKind: 'text_line', actorRole: 'streamer', detail: { kind: 'chat' } }, 'owner', false],
    [{ sourceKind: 'text_line', actorRole: 'viewer', actorAccountId: 'fan' }, 'viewer', false],
    [{ sourceKind: 'text_line', actorRole: 'viewer', actorAccountId: null }, 'nobody', false],
    [{ sourceKind: 'tip_event', actorRole: 'tipper', actorAccountId: null }, 'owner', false],
    [{ sourceKind: 'post_text', actorRole: 'author', actorAccountId: 'writer' }, 'owner', false],
  ])('%j answers to %s (may interrupt: %s)', (content, party, own) => {
    expect(answerableParty(content)).toBe(party);
    expect(isStreamersOwnContent(content)).toBe(own);
  });
});

describe('autoActionHolds', () => {
  let n = 0;
  const own = (score: number, sourceId = `frame-${n++}`) => ({
    sourceKind: 'frame',
    actorRole: 'streamer',
    score,
    sourceId,
  });
  const viewer = (score: number) => ({
    sourceKind: 'text_line',
    actorRole: 'viewer',
    actorAccountId: 'v',
    score,
    sourceId: `line-${n++}`,
  });
  const rule = { autoActionThreshold: 0.97, autoActionMinSignals: 2 };
  it.each([
    ['two strong frames', [own(0.99), own(0.98)], true],
    ['one frame, below the minimum count', [own(0.999)], false],
    [
      'one frame read by two models is one piece',
      [own(0.99, 'f'), { ...own(0.99, 'f'), sourceKind: 'frame_text' }],
      false,
    ],
    ['viewer chat alone, however sure', [viewer(1), viewer(1), viewer(1)], false],
    ['one frame and viewer chat (chat does not count)', [own(0.99), viewer(1)], false],
    ['two frames that add up only together', [own(0.85), own(0.85)], true],
    ['two weak frames', [own(0.5), own(0.5)], false],
    ['tips', [{ sourceKind: 'tip_event', actorRole: 'tipper', score: 1, sourceId: 't' }, own(0.99)], false],
  ])('%s: %s', (_, evidence, holds) => {
    expect(autoActionHolds(evidence, rule)).toBe(holds);
  });
  it('never acts without a threshold', () => {
    expect(autoActionHolds([own(1), own(1)], { autoActionThreshold: null, autoActionMinSignals: 1 })).toBe(false);
  });
});

describe('floodSignals', () => {
  const line = (id: string, sender: string | null, ...keys: string[]) => ({ id, actorAccountId: sender, keys });
  const keys = (s: { keys: string[] }) => s.keys;
  it.each([
    ['three senders, one line', [line('a', 'x', 'L'), line('b', 'y', 'L'), line('c', 'z', 'L')], ['a', 'b', 'c']],
    ['two senders only', [line('a', 'x', 'L'), line('b', 'y', 'L')], []],
    ['one sender, many lines', [line('a', 'x', 'L'), line('b', 'x', 'L'), line('c', 'x', 'L')], []],
    [
      'different lines joined by a shared contact',
      [line('a', 'x', 'L1', 'qq:1'), line('b', 'y', 'L2', 'qq:1'), line('c', 'z', 'L3', 'qq:1')],
      ['a', 'b', 'c'],
    ],
    [
      'chained: a–b share a line, b–c a contact',
      [line('a', 'x', 'L1'), line('b', 'y', 'L1', 'qq:1'), line('c', 'z', 'L2', 'qq:1')],
      ['a', 'b', 'c'],
    ],
    [
      'an unrelated line stays out',
      [line('a', 'x', 'L'), line('b', 'y', 'L'), line('c', 'z', 'L'), line('d', 'w', 'other')],
      ['a', 'b', 'c'],
    ],
    ['senders unknown', [line('a', null, 'L'), line('b', null, 'L'), line('c', null, 'L')], []],
  ])('%s', (_, signals, expected) => {
    expect(floodSignals(signals, keys, 3).map((s) => s.id)).toEqual(expected);
  });
});

describe('roomAnswersForFlood', () => {
  const keys = (s: { keys: string[] }) => s.keys;
  const flood = [{ keys: ['qq:1'] }, { keys: ['qq:1', 'line:x'] }];
  const rule = { roomAnswersAfterSeconds: 600, roomAnswersWhenStreamerJoins: true };
  const running = (seconds: number) => ({ since: ago(seconds), now: NOW });
  it.each([
    ['the streamer carries the contact', ['qq:1'], rule, running(5), 'streamer_took_part'],
    ['the streamer talks about something else', ['line:cooking'], rule, running(5), null],
    ['the flood is still going after its time', [], rule, running(600), 'left_unchecked'],
    ['not yet its time', [], rule, running(599), null],
    [
      'joining does not count when policy says so',
      ['qq:1'],
      { ...rule, roomAnswersWhenStreamerJoins: false },
      running(5),
      null,
    ],
    ['no time limit', [], { ...rule, roomAnswersAfterSeconds: null }, running(6000), null],
  ])('%s', (_, own, r, since, expected) => {
    expect(roomAnswersForFlood(flood, own, keys, r, since)).toBe(expected);
  });
});
