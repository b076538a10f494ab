import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SegmentsService } from '@qinglang/ingest';
import { FIXTURES, TestBackends, embeddedBackends, startTestApp, waitForTerminal } from '../helpers/test-app';

/**
 * On the embedded defaults the queue lives in memory, so a process that dies takes its jobs with it. The rows
 * remain: at start-up the reconciler enqueues every unfinished item again, and it finishes.
 */
describe('restart on the embedded defaults', () => {
  let backends: TestBackends;
  beforeAll(async () => (backends = await embeddedBackends()));
  afterAll(async () => backends?.cleanup());

  it('finishes a segment that a dead process left mid-sampling', async () => {
    const first = await startTestApp(backends);
    const { apiKey } = await first.createPlatform();
    const auth = { Authorization: `Bearer ${apiKey}` };
    const stream = await first.http().post('/v1/streams').set(auth).send({ externalId: 'r', streamerId: 's' });
    const upload = await first
      .http()
      .post(`/v1/streams/${stream.body.id}/segments`)
      .set(auth)
      .attach('file', join(FIXTURES, 'segment-flv.flv'));
    await waitForTerminal(first.http, apiKey, `/v1/segments/${upload.body.id}`);
    // Put the rows back as a crash during sampling would have left them: stage `sampling`, nothing committed after.
    const db = first.app.get(DataSource);
    await db.query(`DELETE FROM signals`);
    await db.query(`DELETE FROM frames`);
    await db.query(`UPDATE segments SET stage = 'sampling', finished_at = NULL WHERE id = ?`, [upload.body.id]);
    await first.close();

    const second = await startTestApp(backends);
    try {
      const done = await waitForTerminal(second.http, apiKey, `/v1/segments/${upload.body.id}`);
      expect(done.status).toBe('classified');
      expect(done.results.summary).toEqual({ framesSampled: 2, framesClassified: 1, nearDuplicates: 1 });
    } finally {
      await second.close();
    }
  });

  it('calls an item stuck by its stage deadline (a minute waiting for a job, 90 s while one works on it), page by page', async () => {
    const app = await startTestApp(backends);
    try {
      const { apiKey } = await app.createPlatform();
      const auth = { Authorization: `Bearer ${apiKey}` };
      const stream = await app.http().post('/v1/streams').set(auth).send({ externalId: 'deadlines', streamerId: 's' });
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const upload = await app
          .http()
          .post(`/v1/streams/${stream.body.id}/segments`)
          .set(auth)
          .attach('file', join(FIXTURES, 'segment-flv.flv'));
        await waitForTerminal(app.http, apiKey, `/v1/segments/${upload.body.id}`);
        ids.push(upload.body.id);
      }
      const db = app.app.get(DataSource);
      const now = Date.now();
      const set = (id: string, stage: string, agoMs: number) =>
        db.query(`UPDATE segments SET stage = ?, finished_at = NULL, updated_at = ? WHERE id = ?`, [
          stage,
          now - agoMs,
          id,
        ]);
      await set(ids[0], 'queued', 61_000); // waiting past its minute: stuck
      await set(ids[1], 'sampling', 61_000); // worked on, within its 90 s: not yet
      await set(ids[2], 'classifying', 121_000); // worked on past its 90 s: stuck
      await set(ids[3], 'sampled', 30_000); // waiting, within its minute: not yet
      const lifecycle = app.app.get(SegmentsService).lifecycle;
      const cutoffs = { waiting: new Date(now - 60_000), working: new Date(now - 90_000) };
      const stuck = await lifecycle.stuck(cutoffs, undefined, (s) => s.id);
      expect(stuck.map((s) => s.payload)).toEqual([ids[2], ids[0]]);
      expect(stuck.every((s) => s.tenant === stuck[0].tenant && s.tenant)).toBe(true);
      // Page by page, oldest first: a page of one, then the rest after its cursor.
      const [first] = await lifecycle.stuck(cutoffs, undefined, (s) => s.id, 1);
      const rest = await lifecycle.stuck(cutoffs, first.cursor, (s) => s.id, 1);
      expect([first.payload, rest[0].payload]).toEqual([ids[2], ids[0]]);
      expect(await lifecycle.stuck(cutoffs, rest[0].cursor, (s) => s.id, 1)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
