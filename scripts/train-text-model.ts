/**
 * Trains the learned text scorer (`npm run train:text`): hashed character n-grams of the normalised text → one
 * logistic layer with a sigmoid per category, on the project-written corpus `models/text/corpus/*.jsonl`. Holds
 * out every tenth line (by a hash of its text) for the metrics, then writes `models/text/hashed-ngram-v1.bin`.
 * TensorFlow.js (wasm backend) trains on dense multi-hot batches over the buckets the corpus uses (its sparse
 * gradients are far too slow on the JS backends); inference (`HashedNgramScorer`) is a sparse dot product in plain JS.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import {
  DEFAULT_NGRAM_OPTIONS,
  HashedNgramScorer,
  NgramHasher,
  TEXT_CATEGORIES,
  encodeHashedNgramModel,
  normalizeText,
} from '@qinglang/text-classifier';

const MODEL_DIR = join(__dirname, '..', 'models', 'text');
const SEED = 1337;
const EPOCHS = 8;
// A bucket seen in fewer training lines gets no weight: it would only memorise one line.
const MIN_LINES = 2;
const BATCH = 256;
const LEARNING_RATE = 0.05;
// L2 on the weights keeps a rare n-gram from deciding alone.
const L2 = 2e-5;

interface Example {
  text: string;
  buckets: number[];
  targets: number[];
}

function readCorpus(hasher: NgramHasher): Example[] {
  const examples: Example[] = [];
  for (const name of readdirSync(join(MODEL_DIR, 'corpus'))
    .filter((file) => file.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(join(MODEL_DIR, 'corpus', name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { text, labels } = JSON.parse(line) as { text: string; labels: string[] };
      examples.push({
        text,
        buckets: hasher.buckets(normalizeText(text).text),
        targets: TEXT_CATEGORIES.map((c) => (labels.includes(c) ? 1 : 0)),
      });
    }
  }
  return examples;
}

const isHeldOut = (text: string) => createHash('sha256').update(text).digest()[0] % 10 === 0;

function shuffled<T>(items: T[], epoch: number): T[] {
  // Deterministic Fisher-Yates from an LCG seeded by SEED and the epoch.
  let state = (SEED * 31 + epoch) >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Columns for the buckets used by at least MIN_LINES training lines. */
function vocabulary(train: Example[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const example of train) for (const bucket of example.buckets) counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  const kept = [...counts]
    .filter(([, count]) => count >= MIN_LINES)
    .map(([bucket]) => bucket)
    .sort((a, b) => a - b);
  return new Map(kept.map((bucket, column) => [bucket, column]));
}

/** A batch as a dense multi-hot matrix over the vocabulary, and its targets. */
function batchTensors(batch: Example[], columns: Map<number, number>) {
  const x = new Float32Array(batch.length * columns.size);
  batch.forEach((example, row) => {
    for (const bucket of example.buckets) {
      const column = columns.get(bucket);
      if (column !== undefined) x[row * columns.size + column] = 1;
    }
  });
  return {
    x: tf.tensor2d(x, [batch.length, columns.size]),
    targets: tf.tensor2d(batch.map((example) => example.targets)),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  await tf.setBackend('wasm');
  tf.enableProdMode();
  const hasher = new NgramHasher(DEFAULT_NGRAM_OPTIONS);
  const examples = readCorpus(hasher);
  const train = examples.filter((example) => !isHeldOut(example.text));
  const heldOut = examples.filter((example) => isHeldOut(example.text));
  const width = TEXT_CATEGORIES.length;
  const columns = vocabulary(train);
  const weights = tf.variable(tf.zeros([columns.size, width]), true, 'weights');
  const bias = tf.variable(tf.zeros([width]), true, 'bias');
  const optimizer = tf.train.adam(LEARNING_RATE);

  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const order = shuffled(train, epoch);
    let lossSum = 0;
    for (let from = 0; from < order.length; from += BATCH) {
      const batch = order.slice(from, from + BATCH);
      const { x, targets } = batchTensors(batch, columns);
      const loss = optimizer.minimize(
        () =>
          tf.losses
            .sigmoidCrossEntropy(targets, tf.matMul(x, weights).add(bias))
            .add<tf.Scalar>(tf.sum(tf.square(weights)).mul(L2)),
        true,
      )!;
      lossSum += (await loss.data())[0] * batch.length;
      tf.dispose([x, targets, loss]);
    }
    process.stdout.write(`epoch ${epoch + 1}/${EPOCHS}: loss ${(lossSum / order.length).toFixed(4)}\n`);
  }

  const header = {
    name: 'hashed-ngram-v1',
    features: DEFAULT_NGRAM_OPTIONS,
    categories: [...TEXT_CATEGORIES],
    bias: Array.from(await bias.data()),
    training: {
      corpusLines: examples.length,
      vocabulary: columns.size,
      trainLines: train.length,
      heldOutLines: heldOut.length,
      epochs: EPOCHS,
      batch: BATCH,
      learningRate: LEARNING_RATE,
      l2: L2,
      seed: SEED,
    },
  };
  const path = join(MODEL_DIR, 'hashed-ngram-v1.bin');
  const trained = (await weights.data()) as Float32Array;
  const full = new Float32Array((1 << DEFAULT_NGRAM_OPTIONS.bucketBits) * width);
  for (const [bucket, column] of columns)
    full.set(trained.subarray(column * width, column * width + width), bucket * width);
  const file = encodeHashedNgramModel({ header, weights: full });
  writeFileSync(path, file);
  process.stdout.write(
    `wrote ${path}: ${(file.length / 1024).toFixed(0)} KiB, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  reportHeldOut(new HashedNgramScorer(path), heldOut);
}

/** Precision, recall and F1 at 0.5 on the held-out lines, scored by the saved file through the inference path. */
function reportHeldOut(scorer: HashedNgramScorer, heldOut: Example[]): void {
  TEXT_CATEGORIES.forEach((category, c) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const example of heldOut) {
      const predicted = scorer.score(example.text).scores[category] >= 0.5;
      if (predicted && example.targets[c]) tp++;
      else if (predicted) fp++;
      else if (example.targets[c]) fn++;
    }
    const precision = tp / (tp + fp || 1);
    const recall = tp / (tp + fn || 1);
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    process.stdout.write(
      `held-out ${category}: P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${f1.toFixed(3)} (support ${tp + fn})\n`,
    );
  });
  process.stdout.write(`version ${scorer.version}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
