import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadConfig } from '@qinglang/config';
import { createApplication } from '@qinglang/application';
import { TestApp, useEmbeddedApp, waitFor } from '../helpers/test-app';
import { GAMBLING_LINES, ReviewFixture } from '../helpers/review-client';

const PORN_LINE = '福利姬原味内衣出售，约炮一夜情，加微信看私密视频';

/** Policy rules beyond the ladder: automatic action, reason floors, ban evasion; and who may call what. */
describe('sanction rules and access', () => {
  const fixture = useEmbeddedApp({ POLICY_PATH: policyWith(), DELIVERY_POLL_MS: '100' });
  let t: TestApp;
  let f: ReviewFixture;
  let reviewer: string;
  let compliance: string;

  /** The shipped policy with one change: gambling goes straight to delisting, with one reviewer. */
  function policyWith(): string {
    const shipped = readFileSync(join(__dirname, '..', '..', 'config', 'policy.yaml'), 'utf8');
    const path = join(tmpdir(), `policy-${process.pid}.yaml`);
    writeFileSync(
      path,
      shipped
        .replace('ladder: [warning, suspension 3d, suspension 30d, delisting]', 'ladder: [delisting]')
        .replace('second_reviewer_for: [delisting]', 'second_reviewer_for: []'),
    );
    return path;
  }

  beforeAll(async () => {
    t = fixture.app;
    f = new ReviewFixture(t, (await t.createPlatform()).apiKey);
    reviewer = (await t.createStaff('reviewer')).token;
    compliance = (await t.createStaff('compliance')).token;
  });

  const platform = () => ({ Authorization: `Bearer ${f.apiKey}` });

  it('interrupts a live stream past the porn auto-action threshold before review, and lifts it when review rejects the flag', async () => {
    const streamId = await f.stream('auto-room', 'auto-host', { status: 'live', viewerCount: 5000 });
    // The streamer says it (transcript): their own content, which may interrupt; chat never does.
    await f.transcript(streamId, [PORN_LINE, PORN_LINE.split('').reverse().join(''), '裸聊一次一百，私密视频加微信']);
    const [flag] = await f.openFlags(streamId, 'porn');
    const interim = await waitFor(
      async () => (await f.feed()).events.find((e) => e.sanction.action === 'stream_interruption'),
      'the interim action',
    );
    expect(interim.sanction).toMatchObject({ status: 'active', strikeNumber: null });
    expect(interim.sanction).toMatchObject({
      kind: 'interim',
      automated: true,
      contentAction: { kind: 'cut_stream', externalId: 'auto-room' },
    });

    // The flag still goes to review, first in the queue (porn, very sure, 5,000 viewers).
    const claimed = await f.claimNext(reviewer);
    expect(claimed.body.flag).toMatchObject({ id: flag.id, category: 'porn' });
    const rejected = await f.decide(reviewer, flag.id, {
      verdict: 'reject',
      reasonCode: 'benign_context',
      note: 'a sex-education quote',
    });
    expect(rejected.body.flag.reviewState).toBe('rejected');
    const lifted = (await f.feed()).events.find((e) => e.type === 'sanction.lifted');
    expect(lifted?.sanction).toMatchObject({
      id: interim.sanction.id,
      status: 'lifted',
      endReason: expect.stringContaining('benign_context'),
    });
  });

  it('starts a minor drawn to tip by inducement at a 30-day suspension, on a first strike', async () => {
    const streamId = await f.stream('minor-room', 'minor-host');
    const response = await t
      .http()
      .post(`/v1/streams/${streamId}/tips`)
      .set(platform())
      .send({
        events: [{ tipperId: 'kid', ageBand: 'minor', amount: '66.00', currency: 'CNY', at: new Date().toISOString() }],
      });
    expect(response.status).toBe(202);
    const [flag] = await waitFor(
      async () => ((await f.openFlags(streamId, 'tipping')).length ? f.openFlags(streamId, 'tipping') : undefined),
      'the tipping flag',
    );
    const { sanction } = await f.claimAndConfirm(
      reviewer,
      flag.id,
      'minor_induced_tipping',
      undefined,
      'suspension 30d',
    );
    expect(sanction).toMatchObject({
      category: 'tipping',
      action: 'suspension',
      durationDays: 30,
      strikeNumber: 1,
      monetaryAction: { kind: 'freeze_tip_income' },
    });
  });

  it("raises a ban-evasion flag for a delisted person's new account, whichever arrives first", async () => {
    const identity = 'a3f1c2d4e5b6978812345678abcdef00';
    await t.http().put('/v1/accounts/old-host/identity').set(platform()).send({ identityHash: identity }).expect(200);
    const early = await t
      .http()
      .put('/v1/accounts/early-alt/identity')
      .set(platform())
      .send({ identityHash: identity });
    expect(early.body.banEvasionFlag).toBeNull();

    const streamId = await f.stream('evader-room', 'old-host');
    await f.chat(streamId, [GAMBLING_LINES[3]]);
    const [flag] = await f.openFlags(streamId, 'gambling');
    const { sanction } = await f.claimAndConfirm(reviewer, flag.id, 'gambling_promotion', undefined, 'delisting');
    expect(sanction.action).toBe('delisting');

    // The account that existed before the delisting is flagged by it; one created after, as soon as it is named.
    const accountFlags = async () => (await t.http().get('/v1/flags?category=ban_evasion').set(platform())).body.flags;
    expect((await accountFlags()).map((fl: { account: { externalId: string } }) => fl.account.externalId)).toEqual([
      'early-alt',
    ]);
    const late = await t
      .http()
      .put('/v1/accounts/late-alt/identity')
      .set(platform())
      .send({ identityHash: identity.toUpperCase() });
    expect(late.body.banEvasionFlag).toMatchObject({ category: 'ban_evasion' });
    const confirmed = await f.claimAndConfirm(
      reviewer,
      late.body.banEvasionFlag.id,
      'ban_evasion',
      undefined,
      'delisting',
    );
    expect(confirmed.sanction).toMatchObject({ action: 'delisting', category: 'ban_evasion' });
    const refused = await t
      .http()
      .put('/v1/accounts/x/identity')
      .set(platform())
      .send({ identityHash: '110101199001011234 张三' });
    expect(refused.status).toBe(400);
  });

  it('keeps platform keys off review and compliance routes, and reviewers off compliance routes', async () => {
    const withPlatformKey = await t.http().get('/v1/review/queue').set(platform());
    expect(withPlatformKey).toMatchObject({ status: 403, body: { code: 'platform_key_not_allowed' } });
    const reviewerOnAudit = await t
      .http()
      .get('/v1/audit/verify')
      .set({ Authorization: `Bearer ${reviewer}` });
    expect(reviewerOnAudit).toMatchObject({ status: 403, body: { code: 'role_not_allowed' } });
    const staffOnIngest = await t
      .http()
      .get('/v1/flags')
      .set({ Authorization: `Bearer ${reviewer}` });
    expect(staffOnIngest).toMatchObject({ status: 403, body: { code: 'staff_token_not_allowed' } });
    const badToken = await t.http().get('/v1/review/queue').set({ Authorization: 'Bearer qs_not-a-token' });
    expect(badToken).toMatchObject({ status: 401, body: { code: 'invalid_staff_token' } });
    const verified = await t
      .http()
      .get('/v1/audit/verify')
      .set({ Authorization: `Bearer ${compliance}` });
    expect(verified.body).toMatchObject({ ok: true, message: expect.stringMatching(/^all \d+ entries verify$/) });
  });

  it('refuses to start with an invalid policy file and names the line', async () => {
    const path = join(tmpdir(), `bad-policy-${process.pid}.yaml`);
    writeFileSync(
      path,
      readFileSync(join(__dirname, '..', '..', 'config', 'policy.yaml'), 'utf8').replace(
        'ladder: [warning, suspension 7d, delisting]',
        'ladder: [warning, ban forever]',
      ),
    );
    const line =
      readFileSync(path, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('ban forever')) + 1;
    const config = loadConfig({ DATA_DIR: t.config.dataDir, POLICY_PATH: path, LOG_LEVEL: 'fatal' });
    await expect(createApplication(config)).rejects.toThrow(
      `${path}:${line}: categories.tipping.ladder[1]: "ban forever" is not a sanction`,
    );
  });
});
