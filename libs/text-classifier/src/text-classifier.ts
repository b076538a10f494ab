import { loadLexicon } from './lexicon-loader';
import { LexiconScorer } from './lexicon-scorer';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePolicy } from '@qinglang/policy/policy';
import { CalibratedTextScorer, CompositeTextScorer, ScoreCombiner } from './score-combiner';
import { DEFAULT_TEXT_MODEL_PATH, HashedNgramScorer } from './model-scorer';
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
    return {
      scores: rounded,
      flagged: TEXT_CATEGORIES.filter((category) => rounded[category] >= this.thresholds[category]),
      evidence,
    };
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export interface TextClassifierOptions {
  lexiconDir?: string;
  policyPath?: string;
  /** More scorers merged with the lexicon's scores. */
  scorers?: TextScorer[];
  /** Add the shipped hashed n-gram model (calibrated); on unless false (to measure the lexicon alone). */
  withModel?: boolean;
  combine?: ScoreCombiner;
}

/**
 * Where the model's score counts as 0.5 next to the lexicon's. Chosen on the development set: the model, trained on
 * template-made text, is over-confident on short everyday lines, so it only flags when it is very sure.
 */
export const MODEL_PIVOTS = { gambling: 0.8, porn: 0.9, tipping: 0.9 };

let sharedModel: HashedNgramScorer | undefined;

/** The shipped model, read once per process (its weights are 3 MB of typed arrays). */
function defaultModel(): TextScorer {
  sharedModel ??= new HashedNgramScorer(DEFAULT_TEXT_MODEL_PATH);
  return new CalibratedTextScorer(sharedModel, MODEL_PIVOTS);
}

/** The lexicon scorer from `config/lexicons` and the learned model (or other scorers), with thresholds from `config/policy.yaml`. */
export function createTextClassifier(options: TextClassifierOptions = {}): TextClassifier {
  const lexicon = new LexiconScorer(loadLexicon(options.lexiconDir));
  const withModel = options.withModel ?? true;
  const others = [...(options.scorers ?? []), ...(withModel ? [defaultModel()] : [])];
  const scorer = others.length ? new CompositeTextScorer([lexicon, ...others], options.combine) : lexicon;
  const policyPath = resolve(options.policyPath ?? 'config/policy.yaml');
  const { categories } = parsePolicy(readFileSync(policyPath, 'utf8'), policyPath);
  return new TextClassifier(scorer, {
    gambling: categories.gambling.flagThreshold,
    porn: categories.porn.flagThreshold,
    tipping: categories.tipping.flagThreshold,
  });
}
