import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { FIXTURES, TestApp, useEmbeddedApp, waitForTerminal } from '../helpers/test-app';

/**
 * The ids people use: a compliance officer reads an account by the platform's own id for it, filters refuse ids
 * and values Qinglang does not know (400 with a code, never an empty list), a reviewer opens the evidence images
 * the flag names, and a decision without a reason code is told which codes there are.
 */
describe('external ids, filters that refuse, reviewer images, reason codes', () => {
  const fixture = useEmbeddedApp();
  let t: TestApp;
  let platform: { id: string; apiKey: string };
  let compliance: string;
  let reviewer: string;
  let streamId: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = fixture.app;
    platform = await t.createPlatform();
    compliance = (await t.createStaff('compliance')).token;
    reviewer = (await t.createStaff('reviewer')).token;
    streamId = (
      await t
        .http()
        .post('/v1/streams')
        .set(bearer(platform.apiKey))
        .send({ externalId: 'room-ext-1', streamerId: 'host-ext-1' })
    ).body.id;
    // A minor's tip: a tipping flag on the stream, against the streamer's account.
    const tips = await t
      .http()
      .post(`/v1/streams/${streamId}/tips`)
      .set(bearer(platform.apiKey))
      .send({
        events: [
          { tipperId: 'kid-1', ageBand: 'minor', amount: '6.00', currency: 'CNY', at: new Date().toISOString() },
        ],
      });
    await waitForTerminal(t.http, platform.apiKey, `/v1/tip-batches/${tips.body.id}`);
  });

  // The entity bank's lists are a reviewer's; the rest a compliance officer's.
  const asCompliance = (path: string) =>
    t
      .http()
      .get(path)
      .set(bearer(path.startsWith('/v1/review/') ? reviewer : compliance));

  it("reads an account's history by the platform's own id, and still by Qinglang's", async () => {
    const byExternal = await asCompliance(`/v1/compliance/platforms/${platform.id}/accounts/host-ext-1/history`);
    expect(byExternal.status).toBe(200);
    expect(byExternal.body.account).toMatchObject({ externalId: 'host-ext-1', platform: { id: platform.id } });
    expect(byExternal.body.flags.map((f: { category: string }) => f.category)).toEqual(['tipping']);

    const byInternal = await asCompliance(`/v1/compliance/accounts/${byExternal.body.account.id}/history`);
    expect(byInternal.status).toBe(200);
    expect(byInternal.body.flags).toEqual(byExternal.body.flags);

    // The platform's id where Qinglang's is expected: a 404 that says which route takes it.
    const wrongRoute = await asCompliance('/v1/compliance/accounts/host-ext-1/history');
    expect(wrongRoute.status).toBe(404);
    expect(wrongRoute.body.code).toBe('account_not_found');
    expect(wrongRoute.body.message).toContain('v1/compliance/platforms/{platformId}/accounts/{externalId}/history');

    const unknownAccount = await asCompliance(`/v1/compliance/platforms/${platform.id}/accounts/nobody/history`);
    expect([unknownAccount.status, unknownAccount.body.code]).toEqual([404, 'account_not_found']);
    const unknownPlatform = await asCompliance(`/v1/compliance/platforms/${randomUUID()}/accounts/host-ext-1/history`);
    expect([unknownPlatform.status, unknownPlatform.body.code]).toEqual([404, 'platform_not_found']);
    // A platform key is not a compliance officer.
    const asPlatform = await t
      .http()
      .get(`/v1/compliance/platforms/${platform.id}/accounts/host-ext-1/history`)
      .set(bearer(platform.apiKey));
    expect(asPlatform.status).toBe(403);
  });

  it("answers a stream and a post by the platform's own ids as their GETs do, and 404 for another platform's", async () => {
    const asPlatform = (path: string, key = platform.apiKey) => t.http().get(path).set(bearer(key));
    const stream = await asPlatform('/v1/streams/external/room-ext-1');
    expect(stream.status).toBe(200);
    expect(stream.body).toEqual((await asPlatform(`/v1/streams/${streamId}`)).body);

    // Any id a platform uses, URL-encoded: a slash and a space included.
    const externalId = 'shop/post 7';
    const sent = await t
      .http()
      .post('/v1/posts')
      .set(bearer(platform.apiKey))
      .send({ externalId, authorId: 'writer-ext-1', text: '今天的风景真好' });
    expect(sent.status).toBe(202);
    const done = await waitForTerminal(t.http, platform.apiKey, `/v1/posts/${sent.body.id}`);
    const post = await asPlatform(`/v1/posts/external/${encodeURIComponent(externalId)}`);
    expect(post.status).toBe(200);
    expect(post.body).toMatchObject({ id: sent.body.id, externalId, status: done.status });
    expect(post.body).toEqual((await asPlatform(`/v1/posts/${sent.body.id}`)).body);

    // Another platform's key: the same 404 as for an id nobody sent, so it learns nothing of the first's.
    const other = (await t.createPlatform()).apiKey;
    for (const [kind, id] of [
      ['streams', 'room-ext-1'],
      ['posts', externalId],
    ]) {
      const theirs = await asPlatform(`/v1/${kind}/external/${encodeURIComponent(id)}`, other);
      const nobodys = await asPlatform(`/v1/${kind}/external/${encodeURIComponent(`${id}-never`)}`, other);
      const code = kind === 'streams' ? 'stream_not_found' : 'post_not_found';
      expect([theirs.status, theirs.body.code]).toEqual([404, code]);
      expect([nobodys.status, nobodys.body.code]).toEqual([404, code]);
      expect(nobodys.body.message.replace(`${id}-never`, id)).toBe(theirs.body.message);
    }
  });

  it('filters by the external id of an account, on its platform', async () => {
    const flags = await asCompliance(`/v1/compliance/flags?platformId=${platform.id}&externalAccountId=host-ext-1`);
    expect(flags.status).toBe(200);
    expect(flags.body.flags).toHaveLength(1);
    expect(flags.body.flags[0].account.externalId).toBe('host-ext-1');
    const internal = await asCompliance(`/v1/compliance/flags?accountId=${flags.body.flags[0].account.id}`);
    expect(internal.body.flags.map((f: { id: string }) => f.id)).toEqual([flags.body.flags[0].id]);
  });

  it.each([
    ['/v1/compliance/flags?accountId=host-ext-1', 400, 'unknown_account'],
    ['/v1/compliance/flags?externalAccountId=host-ext-1', 400, 'platform_required'],
    [
      '/v1/compliance/flags?accountId=abc&externalAccountId=host-ext-1&platformId=PLATFORM',
      400,
      'account_filter_ambiguous',
    ],
    ['/v1/compliance/flags?platformId=PLATFORM&externalAccountId=nobody', 400, 'unknown_account'],
    [`/v1/compliance/flags?platformId=${randomUUID()}`, 400, 'unknown_platform'],
    ['/v1/compliance/flags?category=fishing', 400, 'validation_failed'],
    ['/v1/compliance/flags?reviewState=maybe', 400, 'validation_failed'],
    ['/v1/compliance/flags?from=yesterday', 400, 'validation_failed'],
    ['/v1/compliance/flags?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z', 400, 'validation_failed'],
    [`/v1/compliance/decisions?reviewerId=${randomUUID()}`, 400, 'unknown_reviewer'],
    ['/v1/compliance/decisions?verdict=maybe', 400, 'validation_failed'],
    ['/v1/compliance/sanctions?accountId=host-ext-1', 400, 'unknown_account'],
    [`/v1/compliance/sanctions?platformId=${randomUUID()}`, 400, 'unknown_platform'],
    ['/v1/compliance/sanctions?action=jail', 400, 'validation_failed'],
    ['/v1/compliance/sanctions?automated=maybe', 400, 'validation_failed'],
    [`/v1/compliance/exports/sanctions.csv?platformId=${randomUUID()}`, 400, 'unknown_platform'],
    ['/v1/compliance/exports/sanctions.jsonl?accountId=host-ext-1', 400, 'unknown_account'],
    [`/v1/compliance/deliveries?platformId=${randomUUID()}`, 400, 'unknown_platform'],
    ['/v1/compliance/deliveries?status=lost', 400, 'validation_failed'],
    [`/v1/review/bank?platformId=${randomUUID()}`, 400, 'unknown_platform'],
    [`/v1/review/bank/export?platformId=${randomUUID()}`, 400, 'unknown_platform'],
    ['/v1/review/bank?includeRemoved=maybe', 400, 'validation_failed'],
  ])('%s answers %i %s', async (path, status, code) => {
    const response = await asCompliance(path.replace('PLATFORM', platform.id));
    expect([response.status, response.body.code]).toEqual([status, code]);
    expect(response.body.message).toEqual(expect.any(String));
  });

  it("filters a platform's flags by its own ids of streams and accounts, and refuses ids it never sent", async () => {
    const list = (query: string, key = platform.apiKey) => t.http().get(`/v1/flags?${query}`).set(bearer(key));
    const byStream = await list('subjectKind=stream&subjectExternalId=room-ext-1');
    expect(byStream.status).toBe(200);
    expect(byStream.body.flags.map((f: { subject: { id: string } }) => f.subject.id)).toEqual([streamId]);
    const byAccount = await list('accountExternalId=host-ext-1');
    expect(byAccount.body.flags.map((f: { id: string }) => f.id)).toEqual(
      byStream.body.flags.map((f: { id: string }) => f.id),
    );
    // A cluster is named by its stream's id: the platform's stream is known, anything else refused.
    const byCluster = await list(`subjectKind=cluster&subjectId=${streamId}`);
    expect([byCluster.status, byCluster.body.flags]).toEqual([200, []]);
    const other = await t.createPlatform();
    for (const [query, code, key] of [
      ['subjectKind=cluster&subjectId=anything', 'unknown_subject', platform.apiKey],
      [`subjectKind=cluster&subjectId=${streamId}`, 'unknown_subject', other.apiKey],
      [`subjectId=${randomUUID()}`, 'unknown_subject', platform.apiKey],
      [`subjectId=${streamId}`, 'unknown_subject', other.apiKey],
      ['subjectKind=stream&subjectExternalId=room-ext-1', 'unknown_subject', other.apiKey],
      ['subjectKind=post&subjectExternalId=room-ext-1', 'unknown_subject', platform.apiKey],
      ['subjectExternalId=room-ext-1', 'subject_kind_required', platform.apiKey],
      [
        `subjectId=${streamId}&subjectExternalId=room-ext-1&subjectKind=stream`,
        'subject_filter_ambiguous',
        platform.apiKey,
      ],
      ['accountExternalId=nobody', 'unknown_account', platform.apiKey],
      ['status=maybe', 'validation_failed', platform.apiKey],
      ['subjectKind=channel', 'validation_failed', platform.apiKey],
    ]) {
      const response = await list(query, key);
      expect([query, response.status, response.body.code]).toEqual([query, 400, code]);
    }
  });

  it('gives a reviewer evidence images the reviewer token can open, and names the reason codes', async () => {
    const upload = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(bearer(platform.apiKey))
      .attach('file', join(FIXTURES, 'segment-gambling-overlay.ts'));
    expect((await waitForTerminal(t.http, platform.apiKey, `/v1/segments/${upload.body.id}`)).status).toBe(
      'classified',
    );
    const listed = await t.http().get(`/v1/flags?subjectId=${streamId}&category=gambling`).set(bearer(platform.apiKey));
    const flagId = listed.body.flags[0].id as string;

    const flag = await t.http().get(`/v1/review/flags/${flagId}`).set(bearer(reviewer));
    const framed = flag.body.evidence.filter((e: { source: { kind: string } }) => e.source.kind.startsWith('frame'));
    expect(framed.length).toBeGreaterThan(0);
    for (const e of framed) expect(e.detail.imageUrl).toBe(`/v1/review/frames/${e.source.id}/image`);
    const image = await t.http().get(framed[0].detail.imageUrl).set(bearer(reviewer));
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\/jpeg/);
    expect(image.body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    const reasons = await t.http().get('/v1/review/reasons').set(bearer(reviewer));
    expect(reasons.body.escalate).toEqual(['needs_senior_review', 'policy_unclear', 'needs_context']);

    expect((await t.http().post(`/v1/review/flags/${flagId}/claim`).set(bearer(reviewer))).status).toBe(200);
    const decide = (body: object) =>
      t.http().post(`/v1/review/flags/${flagId}/decision`).set(bearer(reviewer)).send(body);
    const missing = await decide({ verdict: 'escalate' });
    expect([missing.status, missing.body.code]).toEqual([400, 'reason_code_required']);
    expect(missing.body.message).toContain('needs_senior_review, policy_unclear, needs_context');
    // A blank code is a missing one, not a malformed one.
    const blank = await decide({ verdict: 'escalate', reasonCode: '' });
    expect([blank.status, blank.body.code]).toEqual([400, 'reason_code_required']);
    const missingConfirm = await decide({ verdict: 'confirm' });
    expect(missingConfirm.body.message).toContain('gambling_promotion');
    const unknown = await decide({ verdict: 'escalate', reasonCode: 'not_sure' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'unknown_reason_code']);
    expect(unknown.body.message).toContain('needs_context');
    const escalated = await decide({ verdict: 'escalate', reasonCode: 'needs_context' });
    expect(escalated.status).toBe(200);
    expect(escalated.body.flag.reviewState).toBe('escalated');

    // A senior cannot escalate further: told so, with or without a reason, not asked for a code.
    const senior = (await t.createStaff('senior_reviewer')).token;
    expect((await t.http().post(`/v1/review/flags/${flagId}/claim`).set(bearer(senior))).status).toBe(200);
    for (const body of [{ verdict: 'escalate' }, { verdict: 'escalate', reasonCode: 'needs_context' }]) {
      const again = await t.http().post(`/v1/review/flags/${flagId}/decision`).set(bearer(senior)).send(body);
      expect([again.status, again.body.code]).toEqual([422, 'cannot_escalate']);
    }
  });
});
