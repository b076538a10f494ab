import { DataSource } from 'typeorm';
import { ManualClock } from '@qinglang/config';
import { TestApp, TestBackends, startTestApp } from '../helpers/test-app';
import { GAMBLING_LINES, ReviewFixture } from '../helpers/review-client';

/** Reviewers racing each other: one sanction per violation, one reviewer per flag. */
export function describeReviewConcurrency(label: string, makeBackends: () => Promise<TestBackends>) {
  describe(`concurrent reviewers (${label})`, () => {
    const clock = new ManualClock(new Date());
    let backends: TestBackends;
    let t: TestApp;
    let f: ReviewFixture;

    beforeAll(async () => {
      backends = await makeBackends();
      t = await startTestApp(backends, {}, clock);
      f = new ReviewFixture(t, (await t.createPlatform()).apiKey);
    });
    afterAll(async () => {
      await t?.close();
      await backends?.cleanup();
    });

    async function flags(count: number, prefix: string): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const streamId = await f.stream(`${prefix}-${i}`, `${prefix}-host-${i}`);
        await f.chat(streamId, [GAMBLING_LINES[i % GAMBLING_LINES.length]]);
        ids.push((await f.openFlags(streamId, 'gambling'))[0].id);
      }
      return ids;
    }

    const sanctionsOf = async (flagId: string) =>
      Number(
        (await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM sanctions WHERE flag_id = '${flagId}'`))[0].n,
      );

    it('gives reviewers claiming at the same moment different flags', async () => {
      await flags(4, 'claims');
      const reviewers = await Promise.all([1, 2, 3, 4].map(() => t.createStaff('reviewer')));
      const claims = await Promise.all(reviewers.map((r) => f.claimNext(r.token)));
      const claimed = claims.map((c) => c.body.flag?.id);
      expect(claimed.every(Boolean)).toBe(true);
      expect(new Set(claimed).size).toBe(4);
      // Everything is held now: a fifth reviewer finds the queue empty.
      expect((await f.claimNext((await t.createStaff('reviewer')).token)).body.flag).toBeNull();
      // An abandoned claim returns to the queue when its lease runs out.
      clock.advance(301_000);
      expect((await f.claimNext((await t.createStaff('reviewer')).token)).body.flag).not.toBeNull();
    });

    it('issues one sanction when two reviewers confirm the same flag at once, and one for a double click', async () => {
      const [flagId, second] = await flags(2, 'confirms');
      const first = (await t.createStaff('reviewer')).token;
      const other = (await t.createStaff('reviewer')).token;
      const claim = (token: string, id: string) => f.claim(token, id);
      expect((await claim(first, flagId)).status).toBe(200);
      expect((await claim(other, flagId)).body.code).toBe('flag_claimed');
      clock.advance(301_000); // the first reviewer's lease lapses while their confirmation is still on its way
      expect((await claim(other, flagId)).status).toBe(200);
      const confirm = { verdict: 'confirm', reasonCode: 'gambling_promotion' };
      const answers = await Promise.all([
        f.decide(first, flagId, confirm),
        f.decide(other, flagId, confirm),
        f.decide(other, flagId, confirm),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
      expect(await sanctionsOf(flagId)).toBe(1);

      expect((await claim(first, second)).status).toBe(200);
      const clicks = await Promise.all(Array.from({ length: 5 }, () => f.decide(first, second, confirm)));
      expect(clicks.filter((c) => c.status === 200)).toHaveLength(1);
      expect(clicks.filter((c) => c.status === 409).map((c) => c.body.code)).toEqual(
        Array(4).fill('flag_already_decided'),
      );
      expect(await sanctionsOf(second)).toBe(1);
    });
  });
}
