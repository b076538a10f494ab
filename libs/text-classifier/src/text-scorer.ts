/** The categories the text side scores. */
export const TEXT_CATEGORIES = ['gambling', 'porn', 'tipping'] as const;
export type TextCategory = (typeof TEXT_CATEGORIES)[number];

export type CategoryScores = Record<TextCategory, number>;

/** A half-open range [start, end) of UTF-16 offsets into the ORIGINAL text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** Why a category scored: one lexicon term, pattern or combination that fired. */
export interface TextEvidence {
  category: TextCategory;
  span: TextSpan;
  /** The original text under the span. */
  text: string;
  /** Lexicon or rule id, e.g. `qinglang:gambling:百家乐` or `houbb:porn:…`. */
  rule: string;
  weight: number;
  /** For a combination: the spans of its parts (the span above covers them all). */
  parts?: Array<{ span: TextSpan; text: string; rule: string }>;
}

export interface TextScore {
  scores: CategoryScores;
  evidence: TextEvidence[];
}

/** One source of text scores: the lexicon today, a learned model later. Scores are in [0, 1]. */
export interface TextScorer {
  readonly name: string;
  score(text: string): TextScore;
}

export function zeroScores(): CategoryScores {
  return { gambling: 0, porn: 0, tipping: 0 };
}

export function isTextCategory(value: unknown): value is TextCategory {
  return typeof value === 'string' && (TEXT_CATEGORIES as readonly string[]).includes(value);
}
