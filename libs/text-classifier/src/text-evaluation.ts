import { TEXT_CATEGORIES, TextCategory } from './text-scorer';

export interface CategoryCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Flags of this category on lines with no label at all. */
  unlabelledFlags: number;
}

export interface CategoryMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Share of the unlabelled lines flagged with this category. */
  falsePositiveRate: number;
  support: number;
}

/** Accumulates predictions against labels: per-category precision, recall, F1 and the FPR on unlabelled lines. */
export class TextEvaluation {
  private readonly counts = Object.fromEntries(
    TEXT_CATEGORIES.map((category) => [
      category,
      { truePositives: 0, falsePositives: 0, falseNegatives: 0, unlabelledFlags: 0 },
    ]),
  ) as Record<TextCategory, CategoryCounts>;
  private readonly support = Object.fromEntries(TEXT_CATEGORIES.map((category) => [category, 0])) as Record<
    TextCategory,
    number
  >;
  lines = 0;
  unlabelledLines = 0;
  unlabelledFlagged = 0;

  add(labels: readonly string[], flagged: readonly TextCategory[]): void {
    this.lines++;
    if (!labels.length) {
      this.unlabelledLines++;
      if (flagged.length) this.unlabelledFlagged++;
    }
    for (const category of TEXT_CATEGORIES) {
      const expected = labels.includes(category);
      const predicted = flagged.includes(category);
      const counts = this.counts[category];
      if (expected) this.support[category]++;
      if (expected && predicted) counts.truePositives++;
      else if (predicted) counts.falsePositives++;
      else if (expected) counts.falseNegatives++;
      if (predicted && !labels.length) counts.unlabelledFlags++;
    }
  }

  metrics(category: TextCategory): CategoryMetrics {
    const { truePositives: tp, falsePositives: fp, falseNegatives: fn, unlabelledFlags } = this.counts[category];
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    return {
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
      falsePositiveRate: this.unlabelledLines ? unlabelledFlags / this.unlabelledLines : 0,
      support: this.support[category],
    };
  }

  /** Share of unlabelled lines flagged with any category. */
  anyFalsePositiveRate(): number {
    return this.unlabelledLines ? this.unlabelledFlagged / this.unlabelledLines : 0;
  }
}
