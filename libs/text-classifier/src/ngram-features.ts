/**
 * Hashed character n-grams of normalised text: the one feature function shared by `scripts/train-text-model.ts`
 * and the model scorer, so training and inference cannot drift apart.
 */
export interface NgramFeatureOptions {
  /** log2 of the number of buckets. */
  bucketBits: number;
  minOrder: number;
  maxOrder: number;
}

// Bigrams and trigrams (an edge mark plus one character counts as a bigram): trained on template text, a lone
// character (我, 自, a Latin letter) learns far more weight than it carries in real posts.
export const DEFAULT_NGRAM_OPTIONS: NgramFeatureOptions = { bucketBits: 18, minOrder: 2, maxOrder: 3 };

// Text edges take part in n-grams (a message that starts with 加 differs from one that merely contains it).
const EDGE = 0x02;
const DIGIT = 0x30;

/** Digits fold to one symbol: a phone or QQ number matters by its shape, not its value. */
const featureUnit = (unit: number) => (unit >= 0x30 && unit <= 0x39 ? DIGIT : unit);

/**
 * Visits each distinct bucket of a text's n-grams (orders minOrder..maxOrder, first occurrence), the text padded
 * with an edge mark on both sides; FNV-1a over the units, mixed with the order. One instance per thread: it keeps a
 * stamp per bucket so de-duplication allocates nothing per text.
 */
export class NgramHasher {
  private readonly seen: Uint32Array;
  private readonly mask: number;
  private stamp = 0;

  constructor(readonly options: NgramFeatureOptions = DEFAULT_NGRAM_OPTIONS) {
    this.seen = new Uint32Array(1 << options.bucketBits);
    this.mask = (1 << options.bucketBits) - 1;
  }

  /** `visit(bucket, from, to)`: [from, to) are the n-gram's normalised offsets, clipped to the text. */
  visit(text: string, visit: (bucket: number, from: number, to: number) => void): void {
    const { minOrder, maxOrder } = this.options;
    const stamp = this.nextStamp();
    const length = text.length + 2;
    const unitAt = (i: number) => (i === 0 || i === length - 1 ? EDGE : featureUnit(text.charCodeAt(i - 1)));
    for (let start = 0; start < length; start++) {
      let hash = 0x811c9dc5;
      for (let order = 1; order <= maxOrder && start + order <= length; order++) {
        hash = Math.imul(hash ^ unitAt(start + order - 1), 0x01000193);
        // A lone edge mark says nothing; edge + unit does.
        if (order < minOrder || (order === 1 && (start === 0 || start === length - 1))) continue;
        const bucket = (Math.imul(hash ^ order, 0x9e3779b1) >>> 0) & this.mask;
        if (this.seen[bucket] === stamp) continue;
        this.seen[bucket] = stamp;
        visit(bucket, Math.max(0, start - 1), Math.min(text.length, start + order - 1));
      }
    }
  }

  /** The distinct buckets of a text, in order of first occurrence. */
  buckets(text: string): number[] {
    const buckets: number[] = [];
    this.visit(text, (bucket) => buckets.push(bucket));
    return buckets;
  }

  private nextStamp(): number {
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }
}
