import {
  FlagLink,
  FrameFindings,
  flagLookupIds,
  frameView,
  itemFlags,
  lineResults,
  pageView,
  tipResults,
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
  it.each([
    [undefined, { scores: null, spans: [], model: null, bank: [], flags: [] }],
    [
      { text: null, bank: [], signalIds: ['s'] },
      { scores: null, spans: [], model: null, bank: [], flags: [] },
    ],
    [
      { text, bank: [], signalIds: ['s'] },
      { scores: { gambling: 0.9 }, spans: [], model: text.model, bank: [], flags: [] },
    ],
  ])('a line with findings %j', (findings, view) => {
    expect(lineResults(findings, [])).toEqual(view);
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
