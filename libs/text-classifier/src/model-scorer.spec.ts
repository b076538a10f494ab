import { HashedNgramScorer, decodeHashedNgramModel, encodeHashedNgramModel } from './model-scorer';
import { MODEL_PIVOTS } from './text-classifier';

// Hand-written for this test, not taken from any data set.
const POSITIVES: Array<[string, 'gambling' | 'porn' | 'tipping']> = [
  ['百家乐稳定上分，导师带单，加V私聊', 'gambling'],
  ['时时彩计划群，回血上岸找我', 'gambling'],
  ['同城上门服务，包夜价格美丽，加薇', 'porn'],
  ['深夜福利小视频网盘自取', 'porn'],
  ['刷十个嘉年华就加主播微信', 'tipping'],
  ['榜一大哥私聊发福利照片', 'tipping'],
];
const NEGATIVES = [
  '今天晚饭吃什么好呢',
  '谢谢大哥送的火箭',
  '警方破获一起网络赌博案',
  '这朵黄色的花真好看',
  '周末一起去爬山吧',
];

describe('HashedNgramScorer (shipped model)', () => {
  const scorer = new HashedNgramScorer();

  it.each(POSITIVES)('scores %s above its threshold for %s', (text, category) => {
    expect(scorer.score(text).scores[category]).toBeGreaterThanOrEqual(MODEL_PIVOTS[category]);
  });

  it.each(NEGATIVES)('keeps %s below every threshold', (text) => {
    const { scores } = scorer.score(text);
    for (const category of ['gambling', 'porn', 'tipping'] as const)
      expect(scores[category]).toBeLessThan(MODEL_PIVOTS[category]);
  });

  it('is deterministic and versioned by its weights file', () => {
    expect(scorer.score(POSITIVES[0][0])).toEqual(new HashedNgramScorer().score(POSITIVES[0][0]));
    expect(scorer.version).toMatch(/^[0-9a-f]{16}$/);
    expect(new HashedNgramScorer().version).toBe(scorer.version);
    expect(scorer.name).toBe('hashed-ngram-v1');
  });

  it('points its evidence at n-grams of the original text', () => {
    const text = '百家乐 稳定上分，加V';
    const evidence = scorer.score(text).evidence.filter((e) => e.category === 'gambling');
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect(text.slice(e.span.start, e.span.end)).toBe(e.text);
  });
});

describe('hashed n-gram model file', () => {
  it('round-trips weights within the int16 quantisation step', () => {
    const weights = new Float32Array((1 << 4) * 3);
    weights[5] = 1.5;
    weights[30] = -0.25;
    const header = {
      name: 'test',
      features: { bucketBits: 4, minOrder: 1, maxOrder: 2 },
      categories: ['gambling', 'porn', 'tipping'] as Array<'gambling' | 'porn' | 'tipping'>,
      bias: [0, 0, 0],
      training: {},
    };
    const decoded = decodeHashedNgramModel(encodeHashedNgramModel({ header, weights }));
    expect(decoded.header.buckets).toBe(2);
    expect(decoded.weights[5]).toBeCloseTo(1.5, 3);
    expect(decoded.weights[30]).toBeCloseTo(-0.25, 3);
    expect(decoded.weights[0]).toBe(0);
  });
});
