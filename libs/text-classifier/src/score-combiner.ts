import { CategoryScores, TEXT_CATEGORIES, TextScore, TextScorer, zeroScores } from './text-scorer';

/** Merges several scorers' category scores into one. */
export type ScoreCombiner = (scores: CategoryScores[]) => CategoryScores;

/** Per category, the most confident scorer wins: a lexicon hit and a model's confidence are not independent evidence. */
export const maxCombiner: ScoreCombiner = (scores) => {
  const combined = zeroScores();
  for (const score of scores)
    for (const category of TEXT_CATEGORIES) combined[category] = Math.max(combined[category], score[category]);
  return combined;
};

/** Several scorers as one: scores merged by the combiner, evidence of all of them kept. */
export class CompositeTextScorer implements TextScorer {
  readonly name: string;

  constructor(
    private readonly scorers: TextScorer[],
    private readonly combine: ScoreCombiner = maxCombiner,
  ) {
    if (!scorers.length) throw new Error('CompositeTextScorer needs at least one scorer');
    this.name = scorers.map((scorer) => scorer.name).join('+');
  }

  score(text: string): TextScore {
    const results = this.scorers.map((scorer) => scorer.score(text));
    return {
      scores: this.combine(results.map((result) => result.scores)),
      evidence: results.flatMap((result) => result.evidence),
    };
  }
}

const logit = (p: number) => Math.log(Math.max(p, 1e-9) / Math.max(1 - p, 1e-9));

/**
 * A scorer whose scores are moved, per category, so that `pivots[c]` lands on 0.5 (a shift in logit space, order
 * kept): a model that must be surer than the lexicon before it flags can then share the policy's thresholds.
 */
export class CalibratedTextScorer implements TextScorer {
  readonly name: string;

  constructor(
    private readonly scorer: TextScorer,
    private readonly pivots: CategoryScores,
  ) {
    this.name = scorer.name;
  }

  score(text: string): TextScore {
    const { scores, evidence } = this.scorer.score(text);
    const shifted = zeroScores();
    for (const category of TEXT_CATEGORIES)
      shifted[category] = 1 / (1 + Math.exp(-(logit(scores[category]) - logit(this.pivots[category]))));
    return { scores: shifted, evidence };
  }
}
