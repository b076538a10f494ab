import type { Frame } from '@qinglang/media';
import type { FrameTextResult } from './frame-text';
import { overlayDetail } from './frame-classifier.service';
import { BANK_MODEL, TEXT_MODEL, frameFindings, overlayOf, textFindings, tipFindings } from './item-findings';
import type { Signal } from './signal.entity';

const box = { x: 10, y: 20, width: 300, height: 40 };
const signal = (over: Partial<Signal>): Signal =>
  ({
    id: 's1',
    sourceKind: 'frame',
    sourceId: 'f1',
    model: 'nsfwjs',
    modelVersion: '1',
    scores: {},
    topLabel: 'neutral',
    categories: null,
    detail: null,
    ...over,
  }) as Signal;

describe('overlayDetail (what is kept of a frame read) and overlayOf (what the GET shows of it)', () => {
  const read: FrameTextResult = {
    regions: [
      {
        region: 'bottom',
        text: '澳门百家乐\n加微信',
        confidence: 90,
        box,
        lines: [
          { text: '澳门百家乐', confidence: 92, box },
          { text: '加微信', confidence: 88, box: { ...box, y: 60 } },
        ],
      },
    ],
    qrCodes: [{ data: 'https://bet.example/x', url: 'https://bet.example/x', host: 'bet.example', box }],
    ocr: true,
    ms: 12,
    timings: {},
  };

  it.each([
    [
      { ocr: true, qr: true },
      { text: true, qr: true },
    ],
    [
      { ocr: false, qr: true },
      { text: false, qr: true },
    ],
    [
      { ocr: true, qr: false },
      { text: true, qr: false },
    ],
  ])('planned %j reads %j, each OCR line with its band and box, each QR code', (planned, shown) => {
    const kept = overlayDetail(read, planned);
    const overlay = overlayOf(signal({ detail: { overlay: kept } }));
    expect(overlay).toEqual({
      read: shown,
      lines: [
        { region: 'bottom', text: '澳门百家乐', confidence: 92, box },
        { region: 'bottom', text: '加微信', confidence: 88, box: { ...box, y: 60 } },
      ],
      qrCodes: [{ data: 'https://bet.example/x', url: 'https://bet.example/x', host: 'bet.example', box }],
    });
  });

  it.each([
    ['no signal', undefined],
    ['a signal from before overlays were kept', signal({ detail: { frameId: 'f1' } })],
  ])('%s: null', (_what, porn) => {
    expect(overlayOf(porn)).toBeNull();
  });
});

describe('frameFindings', () => {
  const frame = {
    id: 'f1',
    sourceKind: 'segment',
    positionMs: 2000,
    streamTimeMs: 32000,
    status: 'classified',
    duplicateOfId: null,
    duplicateDistance: null,
    perceptualHash: '00ff00ff00ff00ff',
    width: 640,
    height: 360,
  } as Frame;
  const porn = signal({ scores: { porn: 0.01, neutral: 0.95 }, topLabel: 'neutral' });
  const text = signal({
    id: 's2',
    sourceKind: 'frame_text',
    model: TEXT_MODEL,
    categories: { gambling: 0.97, porn: 0, tipping: 0 },
    detail: { spans: [{ category: 'gambling', span: { start: 2, end: 5 }, text: '百家乐', rule: 'r', weight: 1 }] },
  });
  const bank = signal({
    id: 's3',
    sourceKind: 'frame_text',
    model: BANK_MODEL,
    detail: { bank: [{ entryId: 'e1', kind: 'wechat', value: 'lucky_8888', category: 'gambling' }] },
  });

  it.each([
    ['unscored (a near-duplicate)', undefined, [], { scores: null, text: null, bank: [], signalIds: [] }],
    ['scored, no overlay evidence', porn, [], { scores: porn.scores, text: null, bank: [], signalIds: ['s1'] }],
    [
      'scored, overlay text and a banked contact',
      porn,
      [text, bank],
      {
        scores: porn.scores,
        text: {
          model: { name: TEXT_MODEL, version: '1' },
          scores: { gambling: 0.97, porn: 0, tipping: 0 },
          spans: [{ category: 'gambling', span: { start: 2, end: 5 }, text: '百家乐', rule: 'r', weight: 1 }],
        },
        bank: [{ entryId: 'e1', kind: 'wechat', value: 'lucky_8888', category: 'gambling' }],
        signalIds: ['s1', 's2', 's3'],
      },
    ],
  ])('%s', (_what, pornSignal, overlays, expected) => {
    const found = frameFindings(frame, pornSignal, overlays);
    expect(found).toMatchObject({ ...expected, id: 'f1', streamTimeMs: 32000, imageUrl: '/v1/frames/f1/image' });
  });
});

describe('textFindings and tipFindings', () => {
  it.each([
    ['no signal', [], undefined],
    [
      'a bank match only',
      [
        signal({
          id: 'b',
          model: BANK_MODEL,
          detail: { bank: [{ entryId: 'e', kind: 'qq', value: '1', category: 'gambling' }] },
        }),
      ],
      { text: null, bank: [{ entryId: 'e', kind: 'qq', value: '1', category: 'gambling' }], signalIds: ['b'] },
    ],
  ])('%s', (_what, signals, expected) => {
    expect(textFindings(signals)).toEqual(expected);
  });

  it.each([
    [
      { tipping: 0.9 },
      [{ rule: 'burst_after_inducement', score: 0.9, explanation: 'e', relatedTipIds: ['t1'], inducement: null }],
      0.9,
    ],
    [null, [{ rule: 'minor_tipper', score: 1, explanation: 'e', relatedTipIds: [] }], 1],
  ])('categories %j, rules %j: score %p', (categories, rules, score) => {
    const found = tipFindings(
      signal({ sourceKind: 'tip_event', scores: { [rules[0].rule]: rules[0].score }, categories, detail: { rules } }),
    );
    expect(found.score).toBe(score);
    expect(found.rules).toEqual(
      rules.map(({ rule, score: s, explanation, relatedTipIds }) => ({ rule, score: s, explanation, relatedTipIds })),
    );
  });
});
