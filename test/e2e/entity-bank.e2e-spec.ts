import { TestApp, useEmbeddedApp, waitForTerminal } from '../helpers/test-app';
import { ReviewFixture } from '../helpers/review-client';

/** A banked contact is evidence at once, on any stream or post of the platform, until it is removed. */
describe('the entity bank', () => {
  const fixture = useEmbeddedApp();
  let t: TestApp;
  let f: ReviewFixture;
  let platformId: string;
  let reviewer: string;
  const platform = () => ({ Authorization: `Bearer ${f.apiKey}` });
  const staff = () => ({ Authorization: `Bearer ${reviewer}` });

  beforeAll(async () => {
    t = fixture.app;
    const created = await t.createPlatform();
    platformId = created.id;
    f = new ReviewFixture(t, created.apiKey);
    reviewer = (await t.createStaff('reviewer')).token;
  });

  // Harmless words: only the banked id makes this evidence.
  const innocuous = (id: string) => `欢迎关注，商务合作请加微信 ${id}，谢谢大家`;

  async function post(externalId: string, text: string) {
    const response = await t
      .http()
      .post('/v1/posts')
      .set(platform())
      .field('externalId', externalId)
      .field('authorId', `${externalId}-author`)
      .field('text', text);
    expect(response.status).toBe(202);
    expect((await waitForTerminal(t.http, f.apiKey, `/v1/posts/${response.body.id}`)).status).toBe('classified');
    return response.body.id as string;
  }

  async function transcript(streamId: string, text: string) {
    const response = await t
      .http()
      .post(`/v1/streams/${streamId}/transcripts`)
      .set(platform())
      .send({ lines: [{ at: new Date().toISOString(), senderId: 'host', text }] });
    expect((await waitForTerminal(t.http, f.apiKey, `/v1/text-batches/${response.body.id}`)).status).toBe('classified');
  }

  it('flags a post and a stream carrying a banked WeChat id at once, with the entry as evidence; removing it stops that', async () => {
    expect(await f.openFlags(await post('before-ban', innocuous('Lucky_8888')))).toEqual([]);

    const added = await t.http().post('/v1/review/bank').set(staff()).send({
      platformId,
      kind: 'wechat',
      value: ' LUCKY_8888 ',
      category: 'gambling',
      reason: 'Recruiter contact seen in a confirmed gambling flood',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      kind: 'wechat',
      value: 'lucky_8888',
      active: true,
      addedBy: expect.any(String),
    });
    const twice = await t
      .http()
      .post('/v1/review/bank')
      .set(staff())
      .send({ platformId, kind: 'wechat', value: 'lucky_8888', category: 'porn', reason: 'again' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already_banked');

    const postId = await post('after-ban', innocuous('ｌｕｃｋｙ＿８８８８'));
    const [flag] = await f.openFlags(postId);
    expect(flag).toMatchObject({ category: 'gambling' });
    const evidence = (await t.http().get(`/v1/flags/${flag.id}`).set(platform())).body.evidence;
    expect(evidence[0]).toMatchObject({
      model: { name: 'qinglang-bank' },
      detail: { bank: [{ entryId: added.body.id, kind: 'wechat', value: 'lucky_8888' }] },
    });

    const streamId = await f.stream('bank-room', 'host');
    await transcript(streamId, innocuous('lucky_8888'));
    expect((await f.openFlags(streamId)).map((fl) => fl.category)).toEqual(['gambling']);

    const removed = await t
      .http()
      .delete(`/v1/review/bank/${added.body.id}`)
      .set(staff())
      .send({ reason: 'The number was recycled' });
    expect(removed.body).toMatchObject({ active: false, removalReason: 'The number was recycled' });
    expect(await f.openFlags(await post('after-removal', innocuous('lucky_8888')))).toEqual([]);
  });

  it('exports and imports JSON lines, checking every line before writing any', async () => {
    const lines = [
      { platformId, kind: 'url', value: 'https://www.Bet-888.vip/reg', category: 'gambling', reason: 'Betting site' },
      { platformId, kind: 'telegram', value: '@odds_king', category: 'gambling', reason: 'Odds channel' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const bad = await t
      .http()
      .post('/v1/review/bank/import')
      .set(staff())
      .send({
        lines: `${lines}\n{"platformId":"${platformId}","kind":"fax","value":"1","category":"gambling","reason":"x"}`,
      });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'invalid_bank_entry', message: expect.stringContaining('Line 3') });
    const kinds = async () =>
      (await t.http().get(`/v1/review/bank?platformId=${platformId}`).set(staff())).body.entries
        .map((e: { kind: string }) => e.kind)
        .filter((k: string) => k !== 'wechat');
    expect(await kinds()).toEqual([]);

    const imported = await t.http().post('/v1/review/bank/import').set(staff()).send({ lines });
    expect(imported.body).toEqual({ added: 2, alreadyBanked: 0 });
    expect((await t.http().post('/v1/review/bank/import').set(staff()).send({ lines })).body).toEqual({
      added: 0,
      alreadyBanked: 2,
    });
    const exported = await t.http().get(`/v1/review/bank/export?platformId=${platformId}`).set(staff());
    expect(exported.headers['content-type']).toContain('application/x-ndjson');
    const rows = exported.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; value: string });
    expect(rows.map((r) => `${r.kind}:${r.value}`).sort()).toEqual(['telegram:odds_king', 'url:bet-888.vip/reg']);
    expect((await kinds()).sort()).toEqual(['telegram', 'url']);
    // Platforms cannot read or write the bank.
    expect((await t.http().get('/v1/review/bank').set(platform())).status).toBe(403);
  });
});
