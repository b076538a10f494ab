import { TestApp, TestBackends, startTestApp, waitForTerminal } from '../helpers/test-app';
import { GAMBLING_LINES, ReviewFixture } from '../helpers/review-client';

interface FlagRow {
  id: string;
  category: string;
  status: string;
  reviewState: string;
  party: string;
  subject: { kind: string; id: string };
  account: { id: string; externalId: string | null };
  linkedTo: string | null;
}

/** Ads a bot network posts: porn and gambling mixed, every one carrying the same QQ contact. */
const BOT_ADS = [
  '同城约炮 加QQ 82345678 私聊发视频',
  '澳门百家乐真人荷官 加QQ 82345678 上分',
  '裸聊一对一 加QQ 82345678 看私密视频',
  '体育博彩首充送彩金 加QQ 82345678',
];
const COOKING = ['今天教大家做红烧肉，五花肉先焯水', '冰糖炒出糖色，下肉翻炒上色', '小火炖四十分钟，收汁出锅'];

/**
 * Who answers for what: viewers' chat never sanctions the streamer, a flood is one cluster decided once with
 * every sender on the viewer ladder, two acts are two strikes however the flags are walked.
 */
export function describeAccountability(label: string, makeBackends: () => Promise<TestBackends>) {
  describe(`the right account, once (${label})`, () => {
    let backends: TestBackends;
    let t: TestApp;
    let f: ReviewFixture;
    let reviewer: string;
    const platform = () => ({ Authorization: `Bearer ${f.apiKey}` });
    const staff = (token: string) => ({ Authorization: `Bearer ${token}` });

    beforeAll(async () => {
      backends = await makeBackends();
      t = await startTestApp(backends);
      f = new ReviewFixture(t, (await t.createPlatform()).apiKey);
      reviewer = (await t.createStaff('reviewer')).token;
    });
    afterAll(async () => {
      await t?.close();
      await backends?.cleanup();
    });

    async function send(
      streamId: string,
      kind: 'chat' | 'transcripts',
      lines: Array<{ senderId: string; text: string }>,
    ) {
      const now = Date.now();
      const response = await t
        .http()
        .post(`/v1/streams/${streamId}/${kind}`)
        .set(platform())
        .send({ lines: lines.map((l, i) => ({ ...l, at: new Date(now + i).toISOString() })) });
      expect(response.status).toBe(202);
      const batch = await waitForTerminal(t.http, f.apiKey, `/v1/text-batches/${response.body.id}`);
      expect(batch.status).toBe('classified');
    }

    const flags = async (query = ''): Promise<FlagRow[]> =>
      (await t.http().get(`/v1/flags?limit=100${query}`).set(platform())).body.flags;

    it('decides a 30-bot flood once, as a cluster: no interruption, nothing against the streamer, 30 viewer sanctions', async () => {
      const streamId = await f.stream('flood-room', 'chef', { status: 'live', viewerCount: 800 });
      await send(
        streamId,
        'transcripts',
        COOKING.map((text) => ({ senderId: 'chef', text })),
      );
      // The flood arrives as chat does, in batches: the first has too few senders to be a flood yet, and opens
      // a viewer flag for each of its two.
      const bot = (n: number) => ({ senderId: `bot-${String(n).padStart(2, '0')}`, text: BOT_ADS[n % BOT_ADS.length] });
      await send(streamId, 'chat', [bot(0), bot(1)]);
      const early = (await flags('&status=open')).filter((fl) => fl.account.externalId?.startsWith('bot-'));
      expect(early.map((fl) => fl.party)).toEqual(['viewer', 'viewer']);
      for (const from of [2, 16])
        await send(
          streamId,
          'chat',
          Array.from({ length: 14 }, (_, i) => bot(from + i)),
        );

      const all = await flags(`&subjectId=${streamId}`);
      expect(all.filter((fl) => fl.subject.kind === 'stream')).toEqual([]);
      const open = await flags('&status=open');
      expect(open.filter((fl) => fl.account.externalId === 'chef')).toEqual([]);
      const clusters = open.filter((fl) => fl.party === 'cluster');
      expect(clusters).toHaveLength(1);
      // Viewer flags opened before the flood was one were merged into it: one decision, nothing else open.
      expect(open.filter((fl) => fl.party === 'viewer')).toEqual([]);
      expect((await f.feed()).events.filter((e) => e.sanction.action === 'stream_interruption')).toEqual([]);

      const [cluster] = clusters;
      const detail = (await t.http().get(`/v1/review/flags/${cluster.id}`).set(staff(reviewer))).body;
      expect(detail.members).toHaveLength(30);
      const reason = Object.keys(detail.consequences)[0];
      expect(detail.consequences[reason]).toMatchObject({
        action: 'chat_mute',
        durationDays: 1,
        ladder: 'viewer',
        accounts: 30,
        byAction: { 'chat_mute 1d': 30 },
        contentAction: null,
        expect: null,
      });

      const decided = await f.claimAndConfirm(reviewer, cluster.id, reason);
      expect(decided.flag).toMatchObject({ reviewState: 'confirmed', status: 'closed' });
      expect(decided.sanctions).toHaveLength(30);
      const issued = (await f.feed()).events.filter((e) => e.type === 'sanction.issued');
      const mutes = issued.map((e) => e.sanction as unknown as Record<string, unknown>);
      expect(mutes).toHaveLength(30);
      expect(new Set(mutes.map((s) => (s.account as { externalId: string }).externalId)).size).toBe(30);
      for (const s of mutes)
        expect(s).toMatchObject({ ladder: 'viewer', action: 'chat_mute', durationDays: 1, contentAction: null });
      expect(mutes.some((s) => (s.account as { externalId: string }).externalId === 'chef')).toBe(false);
      // The early viewer flags were merged into the cluster, linked to it, and took its decision; nothing reopens.
      const merged = await Promise.all(
        early.map(async (fl) => (await t.http().get(`/v1/flags/${fl.id}`).set(platform())).body as FlagRow),
      );
      expect(merged.map((fl) => [fl.status, fl.reviewState, fl.linkedTo])).toEqual([
        ['closed', 'confirmed', cluster.id],
        ['closed', 'confirmed', cluster.id],
      ]);
      expect((await flags('&status=open')).filter((fl) => fl.account.externalId?.startsWith('bot-'))).toEqual([]);
    });

    it('does not strike a sender twice: their own flag confirmed first, the cluster skips them', async () => {
      const streamId = await f.stream('second-flood-room', 'baker', { status: 'live', viewerCount: 120 });
      const spam = (n: number) => ({ senderId: `spam-${n}`, text: `${BOT_ADS[n % BOT_ADS.length]} 速来` });
      await send(streamId, 'chat', [spam(0)]);
      const [own] = (await flags('&status=open')).filter((fl) => fl.account.externalId === 'spam-0');
      expect(own).toMatchObject({ party: 'viewer' });
      // A reviewer holds spam-0's flag while the flood forms, so it is not merged into the cluster.
      expect((await f.claim(reviewer, own.id)).status).toBe(200);
      await send(streamId, 'chat', [1, 2, 3, 4].map(spam));
      const [cluster] = (await flags('&status=open&subjectKind=cluster')).filter((fl) => fl.subject.id === streamId);
      expect(cluster).toBeDefined();
      const confirmedOwn = await f.decide(reviewer, own.id, { verdict: 'confirm', reasonCode: 'sexual_solicitation' });
      expect(confirmedOwn.body.sanction).toMatchObject({ ladder: 'viewer', strikeNumber: 1 });
      const detail = (await t.http().get(`/v1/review/flags/${cluster.id}`).set(staff(reviewer))).body;
      const reason = Object.keys(detail.consequences)[0];
      expect(detail.consequences[reason]).toMatchObject({ accounts: 4, alreadySanctioned: 1 });
      const decided = await f.claimAndConfirm(reviewer, cluster.id, reason);
      const struck = decided.sanctions.map((s: { account: { externalId: string } }) => s.account.externalId).sort();
      expect(struck).toEqual(['spam-1', 'spam-2', 'spam-3', 'spam-4']);
    });

    it('gives two acts on two streams of one account exactly two strikes, with no account flag', async () => {
      const first = await f.stream('twin-a', 'twin-host');
      const second = await f.stream('twin-b', 'twin-host');
      await f.chat(first, [GAMBLING_LINES[0]]);
      await f.chat(second, [GAMBLING_LINES[1]]);
      const opened = (await flags('&status=open')).filter((fl) => fl.account.externalId === 'twin-host');
      expect(opened.map((fl) => fl.subject.kind).sort()).toEqual(['stream', 'stream']);
      const strikes: number[] = [];
      for (const flag of opened.reverse()) {
        const detail = (await t.http().get(`/v1/review/flags/${flag.id}`).set(staff(reviewer))).body;
        expect(detail.linkedFlags).toEqual([]);
        strikes.push((await f.claimAndConfirm(reviewer, flag.id, 'gambling_promotion')).sanction.strikeNumber);
      }
      expect(strikes).toEqual([1, 2]);
      expect((await flags('&status=open')).filter((fl) => fl.account.externalId === 'twin-host')).toEqual([]);
    });

    it("sends one viewer's gambling chat to that viewer's flag, on their ladder, never the streamer's", async () => {
      const streamId = await f.stream('punter-room', 'quiet-host', { status: 'live', viewerCount: 50 });
      await send(streamId, 'chat', [
        { senderId: 'punter-1', text: GAMBLING_LINES[2] },
        { senderId: 'fan-1', text: '主播今天好帅' },
      ]);
      const open = await flags('&status=open');
      expect(open.filter((fl) => fl.account.externalId === 'quiet-host')).toEqual([]);
      const [viewerFlag] = open.filter((fl) => fl.account.externalId === 'punter-1');
      expect(viewerFlag).toMatchObject({ party: 'viewer', subject: { kind: 'account' }, category: 'gambling' });
      const { sanction } = await f.claimAndConfirm(reviewer, viewerFlag.id, 'gambling_promotion');
      expect(sanction).toMatchObject({ ladder: 'viewer', action: 'chat_mute', strikeNumber: 1, contentAction: null });
    });

    it('holds the room answerable, under its own reason code, when the streamer joins the flood', async () => {
      const streamId = await f.stream('joined-room', 'joiner', { status: 'live', viewerCount: 300 });
      await send(
        streamId,
        'chat',
        [0, 1, 2, 3].map((n) => ({ senderId: `shill-${n}`, text: BOT_ADS[n] })),
      );
      const streamFlags = async () =>
        (await flags(`&status=open&subjectId=${streamId}`)).filter((fl) => fl.subject.kind === 'stream');
      expect(await streamFlags()).toEqual([]);
      // The streamer reads out the flood's contact: the room now answers too.
      await send(streamId, 'transcripts', [{ senderId: 'joiner', text: '有需要的朋友加QQ 82345678 找我' }]);
      const [room] = await streamFlags();
      expect(room).toMatchObject({ party: 'room', account: { externalId: 'joiner' } });
      const detail = (await t.http().get(`/v1/review/flags/${room.id}`).set(staff(reviewer))).body;
      expect(detail.evidence).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            source: expect.objectContaining({ kind: 'cluster' }),
            detail: expect.objectContaining({ rule: 'room_flooded', because: 'streamer_took_part' }),
          }),
        ]),
      );
      expect(detail.consequences.room_flooded).toMatchObject({ ladder: 'creator', accounts: 1 });
    });
  });
}
