import { DEFAULT_COMBO_WINDOW, LexiconFormatError, parseRules, parseVariants } from './lexicon-parser';

describe('parseRules', () => {
  it('reads terms, cues, regexes, combos, safe phrases and warning contexts', () => {
    const rules = parseRules(
      [
        '# comment',
        'term\tgambling\t0.9\t百家乐',
        'term\tcontact\t0\t加微信',
        'regex\tgambling\t0.6\t\\d+送\\d+',
        'combo\ttipping\t0.8\ttip+contact\t12',
        'combo\tporn\t0.7\tsex+contact',
        'safe\t-\t-\t色彩',
        'damp\tgambling,porn\t0.3\t警方',
        '',
      ].join('\n'),
      'test',
    );
    expect(rules.terms.map((t) => [t.kind, t.id, t.weight])).toEqual([
      ['term', 'test:gambling:百家乐', 0.9],
      ['term', 'test:contact:加微信', 0],
      ['safe', 'test:safe:色彩', 0],
      ['damp', 'test:damp:警方', 0.3],
    ]);
    expect(rules.terms[3].damps).toEqual(['gambling', 'porn']);
    expect(rules.regexes[0].pattern.test('100送100')).toBe(true);
    expect(rules.combos.map((c) => [c.category, c.parts, c.window])).toEqual([
      ['tipping', ['tip', 'contact'], 12],
      ['porn', ['sex', 'contact'], DEFAULT_COMBO_WINDOW],
    ]);
  });

  it.each([
    ['term\tgambling\t1.5\tx', /weight/],
    ['term\tGambling\t0.5\tx', /bad group/],
    ['combo\tcrime\t0.5\ta+b', /unknown category/],
    ['regex\tgambling\t0.5\t(unclosed', /bad regex/],
    ['oops\tgambling\t0.5\tx', /unknown kind/],
    ['term\tgambling\t0.5', /4 tab-separated/],
  ])('rejects %j with a message naming the line', (line, message) => {
    expect(() => parseRules(line, 'test', 'file.tsv')).toThrow(LexiconFormatError);
    expect(() => parseRules(line, 'test', 'file.tsv')).toThrow(message);
    expect(() => parseRules(line, 'test', 'file.tsv')).toThrow('file.tsv:1');
  });
});

describe('parseVariants', () => {
  it('reads pairs and rejects a line without a canonical form', () => {
    expect(parseVariants('# c\n菠菜平台\t博彩平台\n', 'v.tsv')).toEqual([['菠菜平台', '博彩平台']]);
    expect(() => parseVariants('菠菜平台', 'v.tsv')).toThrow('v.tsv:1');
  });
});
