import { CategoryScores, TEXT_CATEGORIES, TextScore, TextScorer, zeroScores } from './text-scorer';

/** Merges several scorers' category scores into one. */
export type ScoreCombiner = (scores: CategoryScores[]) => CategoryScores;

/** Per category, the most confident scorer wins: a lexicon hit and a model's confidence are not independent evidence. */
export const maxCombiner: ScoreCombiner = (scores) => {
  const combined = zeroScores();
  for (const score of scores) for (const category of TEXT_CATEGORIES) combined[category] = Math.max(combined[category], score[category]);
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
    return { scores: this.combine(results.map((result) => result.scores)), evidence: results.flatMap((result) => result.evidence) };
  }
}
