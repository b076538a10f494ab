import { loadLexicon } from './lexicon-loader';
import { LexiconScorer } from './lexicon-scorer';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePolicy } from '@qinglang/policy/policy';
import { CompositeTextScorer, ScoreCombiner } from './score-combiner';
import { CategoryScores, TEXT_CATEGORIES, TextCategory, TextEvidence, TextScorer } from './text-scorer';

export interface TextClassification {
  scores: CategoryScores;
  /** Categories whose score reached the policy's flag threshold. */
  flagged: TextCategory[];
  evidence: TextEvidence[];
}

/** Scores text with a scorer (or several combined) and applies the policy's flag thresholds. */
export class TextClassifier {
  constructor(
    private readonly scorer: TextScorer,
    private readonly thresholds: Record<TextCategory, number>,
  ) {}

  classify(text: string): TextClassification {
    const { scores, evidence } = this.scorer.score(text);
    const rounded = { gambling: round(scores.gambling), porn: round(scores.porn), tipping: round(scores.tipping) };
    return { scores: rounded, flagged: TEXT_CATEGORIES.filter((category) => rounded[category] >= this.thresholds[category]), evidence };
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export interface TextClassifierOptions {
  lexiconDir?: string;
  policyPath?: string;
  /** More scorers (a learned model) merged with the lexicon's scores. */
  scorers?: TextScorer[];
  combine?: ScoreCombiner;
}

/** The lexicon scorer from `config/lexicons` (plus any other scorers) with thresholds from `config/policy.yaml`. */
export function createTextClassifier(options: TextClassifierOptions = {}): TextClassifier {
  const lexicon = new LexiconScorer(loadLexicon(options.lexiconDir));
  const scorer = options.scorers?.length ? new CompositeTextScorer([lexicon, ...options.scorers], options.combine) : lexicon;
  const policyPath = resolve(options.policyPath ?? 'config/policy.yaml');
  const { categories } = parsePolicy(readFileSync(policyPath, 'utf8'), policyPath);
  return new TextClassifier(scorer, { gambling: categories.gambling.flagThreshold, porn: categories.porn.flagThreshold, tipping: categories.tipping.flagThreshold });
}
