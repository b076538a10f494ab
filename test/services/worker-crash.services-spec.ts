import { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startWorker } from '../helpers/worker-process';
import { DataSource } from 'typeorm';
import { FIXTURES, TestApp, TestBackends, serviceBackends, startTestApp, waitFor } from '../helpers/test-app';

/**
 * Nothing lost: SIGKILL the only worker while segments are in flight, start a new one, and every segment still
 * ends classified, with no frame sampled twice and no frame scored twice.
 */
describe('worker killed mid-flight (PostgreSQL + BullMQ, separate processes)', () => {
  let backends: TestBackends;
  let api: TestApp;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    backends = await serviceBackends();
    api = await startTestApp(backends, { QL_ROLE: 'api' });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await api?.close();
    await backends?.cleanup();
  });

  it('finishes every segment exactly once after a crash and a restart', async () => {
    const { apiKey } = await api.createPlatform();
    const auth = { Authorization: `Bearer ${apiKey}` };
    const stream = await api
      .http()
      .post('/v1/streams')
      .set(auth)
      .send({ externalId: 'crash-room', streamerId: 'crash-streamer' });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await api
        .http()
        .post(`/v1/streams/${stream.body.id}/segments`)
        .set(auth)
        .field('startOffsetMs', String(i * 10_000))
        .attach('file', join(FIXTURES, 'segment-10s.ts'));
      expect(response.status).toBe(202);
      ids.push(response.body.id);
    }

    const db = api.app.get(DataSource);
    const stages = async () => db.query<Array<{ id: string; stage: string }>>('SELECT id, stage FROM segments');

    const first = await startWorker(backends.env);
    workers.push(first);
    // Kill it the moment work is under way, so some segments are mid-stage and some not started.
    await waitFor(
      async () => ((await stages()).some((s) => s.stage !== 'queued') ? true : undefined),
      'the first worker to start work',
      60_000,
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const atKill = await stages();
    expect(atKill.filter((s) => s.stage !== 'classified').length).toBeGreaterThan(0);

    workers.push(await startWorker(backends.env));
    const final = await waitFor(
      async () => {
        const rows = await stages();
        return rows.every((s) => s.stage === 'classified' || s.stage === 'failed') ? rows : undefined;
      },
      'every segment to finish after the restart',
      120_000,
    );
    expect(final.map((s) => s.stage)).toEqual(ids.map(() => 'classified'));

    const frames = await db.query(`SELECT source_id, COUNT(*)::int AS n FROM frames GROUP BY source_id`);
    expect(frames).toHaveLength(10);
    for (const row of frames) expect(row.n).toBe(5);
    const scored = await db.query(
      `SELECT f.id, f.status, COUNT(s.id)::int AS signals FROM frames f LEFT JOIN signals s ON s.source_id = f.id GROUP BY f.id, f.status`,
    );
    for (const frame of scored) expect(frame.signals).toBe(frame.status === 'classified' ? 1 : 0);
    expect(scored.filter((f: { status: string }) => f.status === 'pending')).toEqual([]);
  });
});
