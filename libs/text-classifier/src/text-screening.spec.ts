import { extractEntities } from './contact-entities';
import { createTextClassifier } from './text-classifier';
import { screenTexts } from './text-screening';

describe('screenTexts', () => {
  const classifier = createTextClassifier();
  const thresholds = { gambling: 0.35, porn: 0.35, tipping: 0.35 };
  const texts = [
    '主播晚上好',
    '澳门百家乐 上线送888',
    '我的vx是 abc12345 常联系',
    '今天的菜看起来好好吃',
    '加微信 bjl8888 充值返水',
  ];

  it('keeps the evidence, with the classifier’s own result, and the texts carrying contacts, by index', () => {
    const screened = screenTexts(classifier, texts, thresholds);
    expect(screened.map((s) => s.index)).toEqual([1, 2, 4]);
    for (const s of screened) {
      expect(s.entities).toEqual(extractEntities(texts[s.index]));
      const result = classifier.classify(texts[s.index]);
      const isEvidence = Object.values(result.scores).some((score) => score >= 0.35);
      expect(s.classification).toEqual(isEvidence ? result : undefined);
    }
    expect(screened.find((s) => s.index === 1)?.classification?.scores.gambling).toBeGreaterThanOrEqual(0.35);
    expect(screened.find((s) => s.index === 2)?.entities.map((e) => e.kind)).toEqual(['wechat']);
  });

  it('applies the thresholds it is given', () => {
    expect(screenTexts(classifier, ['澳门百家乐 上线送888'], { gambling: 1.1, porn: 1.1, tipping: 1.1 })).toEqual([]);
  });
});
