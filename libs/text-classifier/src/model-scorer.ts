import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NgramFeatureOptions, NgramHasher } from './ngram-features';
import { normalizeText } from './normalize-text';
import { originalSpan } from './text-normalizer';
import { TEXT_CATEGORIES, TextCategory, TextEvidence, TextScore, TextScorer, zeroScores } from './text-scorer';

/** The shipped model: `models/text/` of the working directory (the CLI, the service and the tests run from the repo root). */
export const DEFAULT_TEXT_MODEL_PATH = join(process.cwd(), 'models', 'text', 'hashed-ngram-v1.bin');

/** What the weights file says about itself, besides the weights. */
export interface HashedNgramHeader {
  name: string;
  features: NgramFeatureOptions;
  categories: TextCategory[];
  bias: number[];
  /** A stored int16 weight times `scale` is the real weight. */
  scale: number;
  /** Buckets with a weight; the rest are zero and not stored. */
  buckets: number;
  /** Free-form facts about the training run (corpus size, epochs …). */
  training: Record<string, unknown>;
}

/** The linear model's weights: `weights[bucket * categories + c]`. */
export interface HashedNgramWeights {
  header: Omit<HashedNgramHeader, 'scale' | 'buckets'>;
  weights: Float32Array;
}

const MAGIC = 'QLNG1';

/**
 * File layout: MAGIC, uint32 header length, JSON header, then (aligned to 4) uint32 bucket ids and int16 weights,
 * `categories` per bucket. Only non-zero buckets are stored: hashing 2^18 buckets leaves most of them empty.
 */
export function encodeHashedNgramModel({ header, weights }: HashedNgramWeights): Buffer {
  const width = header.categories.length;
  const used: number[] = [];
  let largest = 0;
  for (let bucket = 0; bucket < weights.length / width; bucket++) {
    let any = false;
    for (let c = 0; c < width; c++) {
      const weight = Math.abs(weights[bucket * width + c]);
      largest = Math.max(largest, weight);
      any ||= weight > 1e-4;
    }
    if (any) used.push(bucket);
  }
  const scale = largest / 32767 || 1;
  const json = Buffer.from(
    JSON.stringify({ ...header, scale, buckets: used.length } satisfies HashedNgramHeader),
    'utf8',
  );
  const headerEnd = MAGIC.length + 4 + json.length;
  const payloadStart = Math.ceil(headerEnd / 4) * 4;
  const file = Buffer.alloc(payloadStart + used.length * 4 + used.length * width * 2);
  file.write(MAGIC, 0, 'latin1');
  file.writeUInt32LE(json.length, MAGIC.length);
  json.copy(file, MAGIC.length + 4);
  used.forEach((bucket, i) => {
    file.writeUInt32LE(bucket, payloadStart + i * 4);
    for (let c = 0; c < width; c++)
      file.writeInt16LE(
        Math.round(weights[bucket * width + c] / scale),
        payloadStart + used.length * 4 + (i * width + c) * 2,
      );
  });
  return file;
}

export function decodeHashedNgramModel(file: Buffer): HashedNgramWeights & { header: HashedNgramHeader } {
  if (file.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a hashed n-gram model file');
  const jsonLength = file.readUInt32LE(MAGIC.length);
  const header = JSON.parse(
    file.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + jsonLength),
  ) as HashedNgramHeader;
  const payloadStart = Math.ceil((MAGIC.length + 4 + jsonLength) / 4) * 4;
  const width = header.categories.length;
  const weights = new Float32Array((1 << header.features.bucketBits) * width);
  for (let i = 0; i < header.buckets; i++) {
    const bucket = file.readUInt32LE(payloadStart + i * 4);
    for (let c = 0; c < width; c++)
      weights[bucket * width + c] =
        file.readInt16LE(payloadStart + header.buckets * 4 + (i * width + c) * 2) * header.scale;
  }
  return { header, weights };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

// Evidence is the strongest n-grams behind a category that scored at least this much; below it nobody looks.
const EVIDENCE_MIN_SCORE = 0.5;
const EVIDENCE_PER_CATEGORY = 3;

/**
 * The learned scorer: a logistic layer over hashed character n-grams of the normalised text, computed as a sparse
 * dot product in plain JS (TensorFlow.js only trains it). Evidence: the top n-grams pushing each flagged category.
 */
export class HashedNgramScorer implements TextScorer {
  readonly name: string;
  /** The weights file's hash: what a signal records as the model version. */
  readonly version: string;
  private readonly hasher: NgramHasher;
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;

  constructor(path = DEFAULT_TEXT_MODEL_PATH) {
    const file = readFileSync(path);
    const { header, weights } = decodeHashedNgramModel(file);
    if (header.categories.join() !== TEXT_CATEGORIES.join())
      throw new Error(`${path}: categories ${header.categories.join()} are not ${TEXT_CATEGORIES.join()}`);
    this.name = header.name;
    this.version = createHash('sha256').update(file).digest('hex').slice(0, 16);
    this.hasher = new NgramHasher(header.features);
    this.weights = weights;
    this.bias = Float64Array.from(header.bias);
  }

  score(text: string): TextScore {
    const normalized = normalizeText(text);
    const logits = Float64Array.from(this.bias);
    // Per category, the strongest contributions as [weight, from, to] triples, kept sorted, strongest first.
    const top = TEXT_CATEGORIES.map(() => [] as number[][]);
    const width = TEXT_CATEGORIES.length;
    this.hasher.visit(normalized.text, (bucket, from, to) => {
      for (let c = 0; c < width; c++) {
        const weight = this.weights[bucket * width + c];
        logits[c] += weight;
        if (weight > 0) keepStrongest(top[c], weight, from, to);
      }
    });
    const scores = zeroScores();
    const evidence: TextEvidence[] = [];
    TEXT_CATEGORIES.forEach((category, c) => {
      scores[category] = sigmoid(logits[c]);
      if (scores[category] < EVIDENCE_MIN_SCORE) return;
      for (const [weight, from, to] of top[c]) {
        if (from >= to) continue;
        const span = originalSpan(normalized, from, to);
        const gram = normalized.text.slice(from, to);
        evidence.push({
          category,
          span,
          text: text.slice(span.start, span.end),
          rule: `${this.name}:${category}:${gram}`,
          weight: Math.round(weight * 1000) / 1000,
        });
      }
    });
    return { scores, evidence };
  }
}

function keepStrongest(top: number[][], weight: number, from: number, to: number): void {
  if (top.length === EVIDENCE_PER_CATEGORY && weight <= top[top.length - 1][0]) return;
  let i = top.length;
  while (i > 0 && top[i - 1][0] < weight) i--;
  top.splice(i, 0, [weight, from, to]);
  if (top.length > EVIDENCE_PER_CATEGORY) top.pop();
}
