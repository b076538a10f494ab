import { Lexicon } from './lexicon-loader';
import { LexiconScorer } from './lexicon-scorer';
import { LexiconFormatError, parseRules } from './lexicon-parser';

function lexicon(lines: string[], variants: Array<[string, string]> = []): Lexicon {
  return { ...parseRules(lines.join('\n'), 'test'), variants };
}

describe('LexiconScorer', () => {
  const scorer = new LexiconScorer(
    lexicon(
      [
        'term\tgambling\t0.9\t百家乐',
        'term\tgambling\t0.5\t上分',
        'term\tgambling\t0.4\t博彩',
        'term\tporn\t0.6\tav',
        'term\tporn\t0.9\t色情片',
        'term\ttip\t0\t火箭',
        'term\tcontact\t0\t加微信',
        'term\tporn\t0.9\t色',
        'regex\tgambling\t0.6\t(充|存)\\d+送\\d+',
        'combo\ttipping\t0.8\ttip+contact\t10',
        'safe\t-\t-\t色彩',
        'damp\tgambling\t0.2\t远离赌博',
      ],
      [['菠菜平台', '博彩平台']],
    ),
  );

  it('scores a category by the noisy-OR of its distinct rules, each counted once', () => {
    const { scores } = scorer.score('百家乐上分，百家乐上分');
    expect(scores.gambling).toBeCloseTo(1 - 0.1 * 0.5);
    expect(scores.porn).toBe(0);
  });

  it('reports evidence with spans in the original text, through separators and variants', () => {
    const text = '来玩 百*家 乐 和 菠菜平台';
    const { evidence } = scorer.score(text);
    const spans = evidence.map((e) => [e.rule, text.slice(e.span.start, e.span.end), e.text]);
    expect(spans).toContainEqual(['test:gambling:百家乐', '百*家 乐', '百*家 乐']);
    expect(spans).toContainEqual(['test:gambling:博彩', '菠菜平台', '菠菜平台']);
  });

  it('matches regexes over the normalised text', () => {
    expect(scorer.score('充 一百 送 一百').scores.gambling).toBe(0); // 一百 is not digits: 百 stays a character
    expect(scorer.score('充100送100').scores.gambling).toBeCloseTo(0.6);
  });

  it('fires a combination only when its parts are within the window', () => {
    const near = scorer.score('刷个火箭加微信');
    expect(near.scores.tipping).toBeCloseTo(0.8);
    const combo = near.evidence.find((e) => e.rule === 'test:tipping:tip+contact')!;
    expect(combo.parts?.map((p) => p.text)).toEqual(['火箭', '加微信']);
    expect(scorer.score('火箭发射成功了，今天的新闻说得很详细，有空可以加微信聊').scores.tipping).toBe(0);
    expect(scorer.score('谢谢老板的火箭').scores.tipping).toBe(0);
  });

  it('never scores a one-character term alone, and drops hits inside a safe phrase', () => {
    expect(scorer.score('色').scores.porn).toBe(0);
    expect(scorer.score('色彩片').scores.porn).toBe(0);
    expect(scorer.score('色情片').scores.porn).toBeCloseTo(0.9);
  });

  it('does not cut a Latin term out of a longer word', () => {
    expect(scorer.score('i have a plan').scores.porn).toBe(0);
    expect(scorer.score('看 av').scores.porn).toBeCloseTo(0.6);
  });

  it('dampens a category in a warning context', () => {
    expect(scorer.score('远离赌博，不玩百家乐').scores.gambling).toBeCloseTo(0.9 * 0.2);
  });

  it('refuses a combination whose part no rule provides', () => {
    expect(() => new LexiconScorer(lexicon(['combo\tporn\t0.5\tnothing+contact', 'term\tcontact\t0\t加我']))).toThrow(
      LexiconFormatError,
    );
  });
});
