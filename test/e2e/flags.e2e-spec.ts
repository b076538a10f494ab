import { TestApp, useEmbeddedApp, waitForTerminal } from '../helpers/test-app';

/** From signals to flags: chat and tips on a stream, a minor's tip, benign traffic, and the synchronous check. */
describe('flags from chat, transcripts and tips', () => {
  const fixture = useEmbeddedApp();
  let t: TestApp;
  let key: string;
  const auth = () => ({ Authorization: `Bearer ${key}` });
  const base = Date.parse('2026-11-24T20:00:00Z');
  const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();

  beforeAll(async () => {
    t = fixture.app;
    key = (await t.createPlatform()).apiKey;
  });

  async function stream(externalId: string) {
    return (
      await t
        .http()
        .post('/v1/streams')
        .set(auth())
        .send({ externalId, streamerId: `${externalId}-host` })
    ).body.id as string;
  }
  async function send(path: string, body: object) {
    const response = await t.http().post(path).set(auth()).send(body);
    expect(response.status).toBe(202);
    const kind = path.endsWith('/tips') ? 'tip-batches' : 'text-batches';
    return waitForTerminal(t.http, key, `/v1/${kind}/${response.body.id}`);
  }
  const flagsOf = async (streamId: string) =>
    (await t.http().get(`/v1/flags?subjectId=${streamId}`).set(auth())).body.flags;

  it('opens a tipping flag for an inducement in chat followed by a burst of tips', async () => {
    const streamId = await stream('induce');
    const chat = await send(`/v1/streams/${streamId}/chat`, {
      lines: [
        { at: at(0), senderId: 'fan-1', text: '主播晚上好' },
        { at: at(5), senderId: 'induce-host', text: '刷十个火箭的加我微信，私聊发福利视频' },
      ],
    });
    expect(chat.status).toBe('classified');
    const tips = Array.from({ length: 6 }, (_, i) => ({
      tipperId: `fan-${i}`,
      ageBand: 'adult',
      amount: '20.00',
      currency: 'CNY',
      giftName: '火箭',
      at: at(10 + i * 5),
    }));
    expect((await send(`/v1/streams/${streamId}/tips`, { events: tips })).status).toBe('classified');

    const flags = await flagsOf(streamId);
    expect(flags.map((f: { category: string }) => f.category)).toContain('tipping');
    const tipping = flags.find((f: { category: string }) => f.category === 'tipping');
    const detail = (await t.http().get(`/v1/flags/${tipping.id}`).set(auth())).body;
    expect(detail).toMatchObject({
      status: 'open',
      subject: { kind: 'stream', id: streamId },
      policyVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    const sources = detail.evidence.map((e: { source: { kind: string } }) => e.source.kind);
    expect(sources).toContain('text_line');
    expect(sources).toContain('tip_event');
    const line = detail.evidence.find((e: { source: { kind: string } }) => e.source.kind === 'text_line');
    expect(line.detail.text).toBe('刷十个火箭的加我微信，私聊发福利视频');
    expect(line.detail.spans.length).toBeGreaterThan(0);
    const burst = detail.evidence.find((e: { detail: { rules?: Array<{ rule: string }> } }) =>
      e.detail.rules?.some((r) => r.rule === 'burst_after_inducement'),
    );
    expect(burst).toBeDefined();
  });

  it('flags a tip from a tipper the platform marks as a minor', async () => {
    const streamId = await stream('minor');
    await send(`/v1/streams/${streamId}/tips`, {
      events: [{ tipperId: 'kid-1', ageBand: 'minor', amount: '6.00', currency: 'CNY', giftName: '小心心', at: at(1) }],
    });
    const flags = await flagsOf(streamId);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ category: 'tipping', evidenceCount: 1 });
    const detail = (await t.http().get(`/v1/flags/${flags[0].id}`).set(auth())).body;
    expect(detail.evidence[0].detail.rules[0]).toMatchObject({ rule: 'minor_tipper' });
    expect(detail.evidence[0].detail.event).toMatchObject({ tipperId: 'kid-1', ageBand: 'minor', amount: '6.00' });
  });

  it('adds new evidence to the open flag instead of opening another', async () => {
    const streamId = await stream('minor-again');
    await send(`/v1/streams/${streamId}/tips`, {
      events: [{ tipperId: 'kid-2', ageBand: 'minor', amount: '1.00', currency: 'CNY', at: at(1) }],
    });
    await send(`/v1/streams/${streamId}/tips`, {
      events: [{ tipperId: 'kid-3', ageBand: 'minor', amount: '1.00', currency: 'CNY', at: at(2) }],
    });
    const flags = await flagsOf(streamId);
    expect(flags).toHaveLength(1);
    expect(flags[0].evidenceCount).toBe(2);
  });

  it('raises nothing for everyday chat, a streamer thanking for gifts, and ordinary adult tips', async () => {
    const streamId = await stream('benign');
    await send(`/v1/streams/${streamId}/chat`, {
      lines: [
        '大家晚上好，今天做红烧肉',
        '谢谢老板送的火箭！',
        '这个锅在哪里买的',
        '远离赌博，珍爱生活',
        '主播的猫好可爱',
      ].map((text, i) => ({ at: at(i), senderId: `u${i}`, text })),
    });
    await send(`/v1/streams/${streamId}/transcripts`, {
      lines: [{ at: at(9), text: '感谢大家的支持，我们下周同一时间再见' }],
    });
    await send(`/v1/streams/${streamId}/tips`, {
      events: [1, 2, 3].map((i) => ({
        tipperId: `adult-${i}`,
        ageBand: 'adult',
        amount: '10.00',
        currency: 'CNY',
        at: at(20 + i),
      })),
    });
    expect(await flagsOf(streamId)).toEqual([]);
  });

  it('checks texts synchronously with the same thresholds', async () => {
    const response = await t
      .http()
      .post('/v1/classify/text')
      .set(auth())
      .send({
        texts: [
          { id: 'a', text: '澳门百家乐真人荷官，加微信上分，包赢' },
          { id: 'b', text: '今天天气不错，出去走走' },
        ],
      });
    expect(response.status).toBe(200);
    const [gambling, benign] = response.body.results;
    expect(gambling.id).toBe('a');
    expect(gambling.flagged).toContain('gambling');
    expect(gambling.evidence[0]).toMatchObject({
      category: 'gambling',
      span: { start: expect.any(Number), end: expect.any(Number) },
    });
    expect(benign).toMatchObject({ id: 'b', flagged: [] });
    const tooMany = await t
      .http()
      .post('/v1/classify/text')
      .set(auth())
      .send({ texts: Array.from({ length: 101 }, () => ({ text: 'x' })) });
    expect(tooMany.status).toBe(400);
  });
});
