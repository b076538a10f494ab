import { CompositeTextScorer, maxCombiner } from './score-combiner';
import { TextScorer } from './text-scorer';

const fixed = (name: string, gambling: number, porn: number): TextScorer => ({
  name,
  score: (text) => ({
    scores: { gambling, porn, tipping: 0 },
    evidence: [
      { category: 'gambling', span: { start: 0, end: text.length }, text, rule: `${name}:x`, weight: gambling },
    ],
  }),
});

describe('CompositeTextScorer', () => {
  it('takes the most confident scorer per category and keeps every scorer’s evidence', () => {
    const composite = new CompositeTextScorer([fixed('lexicon', 0.9, 0.1), fixed('model', 0.2, 0.7)]);
    const result = composite.score('abc');
    expect(composite.name).toBe('lexicon+model');
    expect(result.scores).toEqual({ gambling: 0.9, porn: 0.7, tipping: 0 });
    expect(result.evidence.map((e) => e.rule)).toEqual(['lexicon:x', 'model:x']);
  });

  it('accepts another combiner', () => {
    const mean = (scores: Parameters<typeof maxCombiner>[0]) => ({
      gambling: scores.reduce((sum, s) => sum + s.gambling, 0) / scores.length,
      porn: 0,
      tipping: 0,
    });
    expect(new CompositeTextScorer([fixed('a', 1, 0), fixed('b', 0, 0)], mean).score('x').scores.gambling).toBe(0.5);
  });
});
