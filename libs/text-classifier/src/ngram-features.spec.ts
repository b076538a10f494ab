import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_NGRAM_OPTIONS, NgramHasher } from './ngram-features';

describe('NgramHasher', () => {
  it('gives each distinct n-gram one bucket, the same on every call', () => {
    const hasher = new NgramHasher({ bucketBits: 18, minOrder: 1, maxOrder: 3 });
    const first = hasher.buckets('百家乐百家乐');
    expect(hasher.buckets('百家乐百家乐')).toEqual(first);
    // 3 unigrams + edge bigrams/trigrams + inner bigrams and trigrams, repeats counted once.
    expect(new Set(first).size).toBe(first.length);
    expect(first.every((bucket) => bucket >= 0 && bucket < 1 << 18)).toBe(true);
  });

  it('folds digits: numbers of the same shape share their n-grams', () => {
    const hasher = new NgramHasher();
    expect(hasher.buckets('加微信123456')).toEqual(hasher.buckets('加微信987654'));
  });

  it('is the function the training script imports, with the options the shipped model was trained with', () => {
    const script = readFileSync(join(process.cwd(), 'scripts', 'train-text-model.ts'), 'utf8');
    expect(script).toMatch(/import \{[^}]*\bNgramHasher\b[^}]*\} from '@qinglang\/text-classifier'/);
    expect(script).toContain('new NgramHasher(DEFAULT_NGRAM_OPTIONS)');
    const file = readFileSync(join(process.cwd(), 'models', 'text', 'hashed-ngram-v1.bin'));
    const header = JSON.parse(file.toString('utf8', 9, 9 + file.readUInt32LE(5)));
    expect(header.features).toEqual(DEFAULT_NGRAM_OPTIONS);
  });
});
