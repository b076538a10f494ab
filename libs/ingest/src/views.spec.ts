import type { TextBatch, TextLine } from './entities';
import { LINE_SCORES_NOTE, LINE_SCORES_PENDING_NOTE, textBatchView } from './views';

describe('textBatchView', () => {
  const at = new Date('2026-12-01T10:00:00Z');
  const batch = {
    id: 'b1',
    kind: 'chat',
    streamId: 's1',
    lineCount: 2,
    stage: 'classified',
    failureCode: null,
    failureReason: null,
    createdAt: at,
    finishedAt: at,
  } as unknown as TextBatch;
  const line = (id: string, position: number) =>
    ({ id, position, sentAt: at, senderId: 'fan', text: '主播好' }) as unknown as TextLine;
  const lines = [line('evidence', 0), line('greeting', 1)];
  const model = { name: 'qinglang-text', version: 'v1' };
  const stored = { text: { model, scores: { tipping: 0.9 }, spans: [] }, bank: [], signalIds: ['sig'] };
  const findings = new Map([['evidence', stored]]);
  const page = { offset: 0, limit: 200 };

  it.each([
    [
      'the model loaded',
      new Map([['greeting', { model, scores: { tipping: 0.01 }, spans: [] }]]),
      LINE_SCORES_NOTE,
      'recomputed',
      { tipping: 0.01 },
    ],
    ['the model not loaded yet', null, LINE_SCORES_PENDING_NOTE, null, null],
  ])(
    'with %s: the stored line stays stored, the other as the note says',
    (_case, recomputed, note, scoredBy, scores) => {
      const view = textBatchView(batch, lines, { findings, flags: new Map(), page, recomputed });
      expect(view.lines!.map((l) => [l.id, l.scoredBy, l.scores])).toEqual([
        ['evidence', 'stored', { tipping: 0.9 }],
        ['greeting', scoredBy, scores],
      ]);
      // Only stored lines count as scored: they are what flags are built from.
      expect(view.results).toMatchObject({ scored: 1, note });
    },
  );
});
