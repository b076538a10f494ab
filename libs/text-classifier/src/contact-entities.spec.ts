import { canonicalEntity, extractEntities, isEntityValue } from './contact-entities';

const values = (text: string) => extractEntities(text).map((e) => `${e.kind}:${e.value}`);

describe('extractEntities', () => {
  it.each([
    ['同城约炮 加微信 abc_12345', ['wechat:abc_12345']],
    ['加V：Lucky-8888 领彩金', ['wechat:lucky-8888']],
    ['ｖｘ：ＡＢＣ１２３４５', ['wechat:abc12345']],
    ['薇 13812345678 私聊', ['wechat:13812345678', 'phone:13812345678']],
    ['扣扣 123456789 进群', ['qq:123456789']],
    ['QQ群：87654321', ['qq:87654321']],
    ['飞机 @odds_king 看盘', ['telegram:odds_king']],
    ['telegram for odds: t.me/oddsking', ['telegram:oddsking', 'url:t.me/oddsking', 'domain:t.me']],
    ['电话 13912345678', ['phone:13912345678']],
    ['官网 https://www.Lucky888.vip/reg?c=9 注册', ['url:lucky888.vip/reg?c=9', 'domain:lucky888.vip']],
    ['打开 bet365.com 下注', ['url:bet365.com', 'domain:bet365.com']],
  ])('%s', (text, expected) => {
    expect(values(text).sort()).toEqual([...expected].sort());
  });

  it.each([
    ['今天做红烧肉，3.5 斤五花肉'],
    ['给主播点个关注，下播前抽奖'],
    ['邮件 someone@example.com'.replace('example.com', 'example')],
    ['我的 qq 不常用'],
    ['订单号 2026120112345678'],
  ])('finds nothing in %s', (text) => {
    expect(values(text)).toEqual([]);
  });

  it('points its spans at the original text', () => {
    const text = '主播好 加微信：abc_12345 有福利';
    const [wechat] = extractEntities(text);
    expect(text.slice(wechat.span!.start, wechat.span!.end)).toBe('abc_12345');
  });

  it.each([
    ['wechat', ' ABC_12345 ', 'abc_12345'],
    ['url', 'HTTPS://www.Lucky888.vip/', 'lucky888.vip'],
    ['domain', 'https://lucky888.vip/reg', 'lucky888.vip'],
    ['telegram', '@OddsKing', 'oddsking'],
    ['qr', 'https://Example.cc/A', 'https://Example.cc/A'],
  ] as const)('canonical %s %s is %s', (kind, value, canonical) => {
    expect(canonicalEntity(kind, value)).toBe(canonical);
  });
});

describe('isEntityValue', () => {
  it.each([
    ['wechat', 'lucky_8888', true],
    ['wechat', 'lucky 8888', false],
    ['qq', '82345678', true],
    ['qq', 'abc', false],
    ['phone', '13812345678', true],
    ['phone', '12345', false],
    ['telegram', 'odds_king', true],
    ['url', 'bet-888.vip/reg?c=9', true],
    ['url', 'not a url', false],
    ['domain', 'lucky888.vip', true],
    ['domain', 'lucky888.vip/reg', false],
    ['qr', 'https://Example.cc/A', true],
  ] as const)('%s %s: %s', (kind, value, valid) => {
    expect(isEntityValue(kind, value)).toBe(valid);
  });

  it('accepts every value the extractor finds', () => {
    for (const e of extractEntities(
      '加微信 abc_12345 QQ 123456789 电话 13912345678 官网 https://www.Lucky888.vip/reg 飞机 @odds_king',
    ))
      expect([e.kind, e.value, isEntityValue(e.kind, e.value)]).toEqual([e.kind, e.value, true]);
  });
});
