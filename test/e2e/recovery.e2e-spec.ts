import { join } from 'node:path';
import { DataSource } from 'typeorm';
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
});
