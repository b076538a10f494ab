import { TextNormalizer, originalSpan } from './text-normalizer';

describe('TextNormalizer', () => {
  const plain = new TextNormalizer();
  const withVariants = new TextNormalizer([
    ['菠菜平台', '博彩平台'],
    ['加威信', '加微信'],
    ['v信', '微信'],
    ['vx', '微信'],
    ['微心', '微信'],
    ['扣扣', 'qq'],
    ['涩涩', '色色'],
    ['瑟瑟', '色色'],
    ['瑟瑟发抖', '瑟瑟发抖'],
  ]);

  it('folds traditional to simplified, full-width to half-width and Latin to lower case', () => {
    expect(plain.normalize('澳門賭場').text).toBe('澳门赌场');
    expect(plain.normalize('ＡＢＣ１２３').text).toBe('abc123');
  });

  it('drops separators, emoji and punctuation inserted between characters', () => {
    for (const text of ['博*彩', '博 彩', '博😀彩', '博.彩', '博\u200b彩'])
      expect(plain.normalize(text).text).toBe('博彩');
    expect(plain.normalize('b.o c a i').text).toBe('bocai');
  });

  it('maps look-alike letters from other scripts and circled or Chinese digits', () => {
    expect(plain.normalize('bоcаi').text).toBe('bocai'); // Cyrillic о and а
    expect(plain.normalize('ⓑⓞⓒⓐⓘ').text).toBe('bocai');
    expect(plain.normalize('①②〇一九').text).toBe('12019');
  });

  it('rewrites variant spellings, longest first, and keeps protected phrases', () => {
    expect(withVariants.normalize('菠菜平台').text).toBe('博彩平台');
    expect(withVariants.normalize('炒菠菜').text).toBe('炒菠菜');
    expect(withVariants.normalize('加威信').text).toBe('加微信');
    expect(withVariants.normalize('树立威信').text).toBe('树立威信');
    expect(withVariants.normalize('V信 扣扣').text).toBe('微信qq');
    expect(withVariants.normalize('涩涩').text).toBe('色色');
    expect(withVariants.normalize('吓得瑟瑟发抖').text).toBe('吓得瑟瑟发抖');
  });

  it('lets a variant use a heart that stands for 信, and drops the heart elsewhere', () => {
    expect(withVariants.normalize('微❤').text).toBe('微信');
    expect(withVariants.normalize('爱你❤哦').text).toBe('爱你哦');
  });

  it('does not cut a Latin variant out of a longer word', () => {
    expect(withVariants.normalize('vxyz').text).toBe('vxyz');
    expect(withVariants.normalize('加vx123').text).toBe('加微信123');
  });

  it('maps every normalised character back to its span in the original text', () => {
    const original = 'ａ 菠*菜平台!';
    const normalized = withVariants.normalize(original);
    expect(normalized.text).toBe('a博彩平台');
    const span = originalSpan(normalized, 1, 5);
    expect(original.slice(span.start, span.end)).toBe('菠*菜平台');
    const first = originalSpan(normalized, 0, 1);
    expect(original.slice(first.start, first.end)).toBe('ａ');
  });

  it('keeps offsets right after characters outside the basic plane', () => {
    const original = '😀😀赌场';
    const normalized = plain.normalize(original);
    const span = originalSpan(normalized, 0, 2);
    expect(original.slice(span.start, span.end)).toBe('赌场');
  });
});
