import {
  FlagLink,
  FrameFindings,
  flagLookupIds,
  frameView,
  itemFlags,
  lineResults,
  pageView,
  tipResults,
  unscored,
} from './item-result-views';

const flag = (id: string): FlagLink => ({
  id,
  category: 'gambling',
  status: 'open',
  reviewState: 'pending',
  url: `/v1/flags/${id}`,
});

describe('pageView', () => {
  it.each([
    [{ offset: 0, limit: 100 }, 0, null],
    [{ offset: 0, limit: 100 }, 100, null],
    [{ offset: 0, limit: 100 }, 101, 100],
    [{ offset: 100, limit: 100 }, 101, null],
    [{ offset: 5, limit: 1 }, 7, 6],
    [{ offset: 50, limit: 10 }, 3, null],
  ])('%j over %i items: next offset %p', (page, total, nextOffset) => {
    expect(pageView(page, total)).toEqual({ ...page, total, nextOffset });
  });
});

describe('flagLookupIds', () => {
  it.each([
    [[], []],
    [[{ id: 'line-1', signalIds: [] }], ['line-1']],
    [[{ id: 'f1', signalIds: ['s1', 's2'] }], ['f1', 's1', 's2']],
    [
      [
        { id: 'f1', signalIds: ['s1'] },
        { id: 'f1', signalIds: ['s1', 's3'] },
      ],
      ['f1', 's1', 's3'],
    ],
  ])('%j looks up %j', (findings, ids) => {
    expect(flagLookupIds(findings)).toEqual(ids);
  });
});

describe('itemFlags', () => {
  it.each([
    [[], []],
    [[[flag('a')], []], ['a']],
    [
      [[flag('a'), flag('b')], [flag('a')], [flag('c')]],
      ['a', 'b', 'c'],
    ],
  ])('%j gives each flag once: %j', (lists, ids) => {
    expect(itemFlags(lists).map((f) => f.id)).toEqual(ids);
  });
});

describe('frameView', () => {
  const frame = { id: 'f1', signalIds: ['s1'], scores: { porn: 0.1 } } as unknown as FrameFindings;
  it.each([
    [new Map<string, FlagLink[]>(), []],
    [new Map([['f1', [flag('a')]]]), ['a']],
    [new Map([['f2', [flag('a')]]]), []],
  ])('links the flags keyed by the frame id (%#)', (flags, ids) => {
    const view = frameView(frame, flags);
    expect(view.flags.map((f) => f.id)).toEqual(ids);
    expect(view).not.toHaveProperty('signalIds');
    expect(view.scores).toEqual({ porn: 0.1 });
  });
});

describe('lineResults and tipResults', () => {
  const text = { model: { name: 'qinglang-text', version: 'v' }, scores: { gambling: 0.9 }, spans: [] };
  const now = { model: { name: 'qinglang-text', version: 'v2' }, scores: { gambling: 0.01 }, spans: [] };
  const bank = [{ entryId: 'e', kind: 'wechat', value: 'bjl8888', category: 'gambling' }];
  const none = { scores: null, spans: [], model: null, scoredBy: null, bank: [], flags: [] };
  it.each([
    [undefined, undefined, none],
    [{ text: null, bank: [], signalIds: ['s'] }, undefined, none],
    [
      { text, bank: [], signalIds: ['s'] },
      undefined,
      { ...none, scores: { gambling: 0.9 }, model: text.model, scoredBy: 'stored' },
    ],
    // Stored scores win over any recomputed ones: flags were built from them.
    [
      { text, bank: [], signalIds: ['s'] },
      now,
      { ...none, scores: { gambling: 0.9 }, model: text.model, scoredBy: 'stored' },
    ],
    [undefined, now, { ...none, scores: { gambling: 0.01 }, model: now.model, scoredBy: 'recomputed' }],
    // A bank match without text scores: the bank's match stays, the scores are recomputed.
    [
      { text: null, bank, signalIds: ['s'] },
      now,
      { ...none, scores: { gambling: 0.01 }, model: now.model, scoredBy: 'recomputed', bank },
    ],
  ])('a line with findings %j and recomputed %j', (findings, recomputed, view) => {
    expect(lineResults(findings, [], recomputed)).toEqual(view);
  });

  it('rescores only the lines without stored text scores', () => {
    const findings = new Map([
      ['a', { text, bank: [], signalIds: ['s1'] }],
      ['b', { text: null, bank, signalIds: ['s2'] }],
    ]);
    expect(unscored([{ id: 'a' }, { id: 'b' }, { id: 'c' }], findings).map((l) => l.id)).toEqual(['b', 'c']);
  });

  it.each([
    [undefined, { score: null, rules: [], model: null, flags: [] }],
    [
      {
        model: text.model,
        score: 1,
        rules: [{ rule: 'minor_tipper', score: 1, explanation: 'x', relatedTipIds: [] }],
        signalIds: ['s'],
      },
      {
        score: 1,
        rules: [{ rule: 'minor_tipper', score: 1, explanation: 'x', relatedTipIds: [] }],
        model: text.model,
        flags: [flag('a')],
      },
    ],
  ])('a tip with findings %j', (findings, view) => {
    expect(tipResults(findings, view.flags)).toEqual(view);
  });
});
