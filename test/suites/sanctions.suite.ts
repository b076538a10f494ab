import { ManualClock } from '@qinglang/config';
import { SanctionExpiry } from '@qinglang/sanctions';
import { TestApp, TestBackends, startTestApp } from '../helpers/test-app';
import { GAMBLING_LINES, ReviewFixture } from '../helpers/review-client';

const DAY = 86_400_000;

/** From flags to sanctions through the API: the whole gambling ladder, expiry on time, appeals, bad input. */
export function describeSanctions(label: string, makeBackends: () => Promise<TestBackends>) {
  describe(`sanction ladder (${label})`, () => {
    const clock = new ManualClock(new Date());
    let backends: TestBackends;
    let t: TestApp;
    let f: ReviewFixture;
    let reviewer: string;
    let second: string;
    let senior: string;

    beforeAll(async () => {
      backends = await makeBackends();
      t = await startTestApp(backends, {}, clock);
      f = new ReviewFixture(t, (await t.createPlatform()).apiKey);
      reviewer = (await t.createStaff('reviewer')).token;
      second = (await t.createStaff('reviewer')).token;
      senior = (await t.createStaff('senior_reviewer')).token;
    });
    afterAll(async () => {
      await t?.close();
      await backends?.cleanup();
    });

    it('walks one account through warning, 3-day and 30-day suspensions to delisting, with the suspension ending on time', async () => {
      const streamId = await f.stream('ladder-room', 'ladder-host');
      const issued: Array<{ action: string; durationDays: number | null; strikeNumber: number | null }> = [];
      for (let strike = 0; strike < 4; strike++) {
        await f.chat(streamId, [GAMBLING_LINES[strike]]);
        const [flag] = await f.openFlags(streamId, 'gambling');
        expect(flag).toBeDefined();
        // The reviewer sees what confirming brings before deciding, per reason code.
        const preview = await t
          .http()
          .get(`/v1/review/flags/${flag.id}`)
          .set({ Authorization: `Bearer ${reviewer}` });
        const expected = ['warning', 'suspension 3d', 'suspension 30d', 'delisting'][strike];
        expect(preview.body.consequences.gambling_promotion).toMatchObject({
          strikeNumber: strike + 1,
          secondReviewer: strike === 3,
          contentAction: strike === 0 ? null : 'cut_stream',
          expect: strike >= 2 ? expected : null,
        });
        if (strike >= 2) {
          // 30 days or more, or delisting: refused unless the decision echoes it, with the sanction it would issue.
          expect((await f.claim(reviewer, flag.id)).status).toBe(200);
          for (const wrong of [undefined, 'suspension 3d']) {
            const refused = await f.decide(reviewer, flag.id, {
              verdict: 'confirm',
              reasonCode: 'gambling_promotion',
              ...(wrong ? { expect: wrong } : {}),
            });
            expect(refused.status).toBe(409);
            expect(refused.body).toMatchObject({
              code: 'consequence_not_expected',
              details: { sanction: { expect: expected, strikeNumber: strike + 1 } },
            });
          }
        }
        const first = await f.claimAndConfirm(
          reviewer,
          flag.id,
          'gambling_promotion',
          undefined,
          strike >= 2 ? expected : undefined,
        );
        if (strike < 3) {
          expect(first.flag).toMatchObject({ reviewState: 'confirmed', status: 'closed' });
          issued.push(first.sanction);
        } else {
          // Delisting needs a second, different reviewer: the first cannot claim it again.
          expect(first).toMatchObject({ flag: { reviewState: 'awaiting_second' }, sanction: null });
          expect((await f.claimNext(reviewer)).body.flag).toBeNull();
          const confirmed = await f.claimAndConfirm(second, flag.id, 'gambling_promotion', undefined, 'delisting');
          expect(confirmed.sanction.decidedBy).toHaveLength(2);
          issued.push(confirmed.sanction);
        }
        if (strike === 1) {
          // The 3-day suspension ends by itself once its time is up, not a moment before.
          clock.advance(3 * DAY - 1000);
          expect(await t.app.get(SanctionExpiry).expireDue()).toBe(0);
          clock.advance(2000);
          expect(await t.app.get(SanctionExpiry).expireDue()).toBe(1);
        }
      }
      expect(issued.map((s) => [s.action, s.durationDays, s.strikeNumber])).toEqual([
        ['warning', null, 1],
        ['suspension', 3, 2],
        ['suspension', 30, 3],
        ['delisting', null, 4],
      ]);

      const { events } = await f.feed();
      expect(events.map((e) => e.type)).toEqual([
        'sanction.issued',
        'sanction.issued',
        'sanction.expired',
        'sanction.issued',
        'sanction.issued',
      ]);
      expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
      expect(events[2].sanction).toMatchObject({ action: 'suspension', durationDays: 3, status: 'expired' });
      const delisting = events[4].sanction as unknown as Record<string, Record<string, unknown>>;
      expect(delisting.contentAction).toMatchObject({ kind: 'cut_stream', externalId: 'ladder-room' });
      expect(delisting.statement).toMatchObject({
        decision: { action: 'delisting' },
        ground: { category: 'gambling', reasonCode: 'gambling_promotion' },
        automation: { automatedDecision: false },
        redress: { appealDeadline: expect.any(String) },
      });
      expect((delisting.statement.facts as { evidence: unknown[] }).evidence.length).toBeGreaterThan(0);
      // Polling from the cursor gives nothing twice.
      expect((await f.feed(events[4].sequence)).events).toEqual([]);
    });

    it('drops a revoked sanction out of the strike count', async () => {
      const streamId = await f.stream('appeal-room', 'appeal-host');
      await f.chat(streamId, [GAMBLING_LINES[0]]);
      const [flag] = await f.openFlags(streamId, 'gambling');
      const { sanction } = await f.claimAndConfirm(reviewer, flag.id, 'gambling_contact');
      expect(sanction).toMatchObject({ action: 'warning', strikeNumber: 1 });

      const appeal = await t
        .http()
        .post(`/v1/sanctions/${sanction.id}/appeals`)
        .set({ Authorization: `Bearer ${f.apiKey}` })
        .send({ statement: '我只是在讲反赌新闻' });
      expect(appeal.status).toBe(201);
      const again = await t
        .http()
        .post(`/v1/sanctions/${sanction.id}/appeals`)
        .set({ Authorization: `Bearer ${f.apiKey}` })
        .send({ statement: 'again' });
      expect(again.body.code).toBe('appeal_exists');
      const byReviewer = await t
        .http()
        .post(`/v1/review/appeals/${appeal.body.id}/decision`)
        .set({ Authorization: `Bearer ${reviewer}` })
        .send({ outcome: 'revoke', note: 'x' });
      expect(byReviewer.status).toBe(403);
      const revoked = await t
        .http()
        .post(`/v1/review/appeals/${appeal.body.id}/decision`)
        .set({ Authorization: `Bearer ${senior}` })
        .send({ outcome: 'revoke', note: 'News report, not promotion' });
      expect(revoked.body).toMatchObject({ status: 'revoked' });

      await f.chat(streamId, [GAMBLING_LINES[1]]);
      const [next] = await f.openFlags(streamId, 'gambling');
      const confirmed = await f.claimAndConfirm(reviewer, next.id, 'gambling_promotion');
      expect(confirmed.sanction).toMatchObject({ action: 'warning', strikeNumber: 1 });
      const types = (await f.feed()).events
        .filter((e) => e.sanction.id === sanction.id)
        .map((e) => [e.type, e.sanction.status]);
      expect(types).toEqual([
        ['sanction.issued', 'active'],
        ['sanction.revoked', 'revoked'],
      ]);
    });

    it('refuses a decision on a flag the reviewer did not claim, and a second decision on a decided flag', async () => {
      const streamId = await f.stream('claim-room', 'claim-host');
      await f.chat(streamId, [GAMBLING_LINES[2]]);
      const [flag] = await f.openFlags(streamId, 'gambling');
      const unclaimed = await f.decide(reviewer, flag.id, { verdict: 'confirm', reasonCode: 'gambling_promotion' });
      expect(unclaimed.status).toBe(409);
      expect(unclaimed.body).toMatchObject({ code: 'flag_not_claimed', message: expect.stringContaining('claim') });
      expect((await f.claimNext(reviewer)).body.flag.id).toBe(flag.id);
      const other = await f.decide(second, flag.id, { verdict: 'reject', reasonCode: 'false_positive' });
      expect(other.body.code).toBe('flag_not_claimed');
      const badReason = await f.decide(reviewer, flag.id, { verdict: 'confirm', reasonCode: 'no_such_reason' });
      expect(badReason).toMatchObject({ status: 422, body: { code: 'unknown_reason_code' } });
      const rejected = await f.decide(reviewer, flag.id, {
        verdict: 'reject',
        reasonCode: 'false_positive',
        note: 'a quote from the news',
      });
      expect(rejected.body.flag).toMatchObject({ reviewState: 'rejected' });
      const twice = await f.decide(reviewer, flag.id, { verdict: 'confirm', reasonCode: 'gambling_promotion' });
      expect(twice.body.code).toBe('flag_already_decided');
    });
  });
}
