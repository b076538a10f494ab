import { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { LiveSource, SMALL, hlsSource } from '../helpers/live-source';
import { TestApp, TestBackends, serviceBackends, startTestApp, waitFor } from '../helpers/test-app';
import { startWorker } from '../helpers/worker-process';

const LEASE_MS = 4000;
const LIVE_ENV = {
  LIVE_ALLOWED_NETWORKS: '127.0.0.1/32',
  LIVE_LEASE_MS: String(LEASE_MS),
  LIVE_CLAIM_PER_PASS: '2',
  OCR_INTERVAL_SECONDS: '0',
};

/**
 * Many workers, many streams (PostgreSQL + BullMQ, separate processes): two workers share six pulled streams,
 * each held by one of them; SIGKILL one and its streams move to the other within the lease time, with no frame
 * time sampled twice.
 */
describe('live pull across worker processes', () => {
  let backends: TestBackends;
  let api: TestApp;
  const workers: ChildProcess[] = [];
  const sources: LiveSource[] = [];

  beforeAll(async () => {
    backends = await serviceBackends();
    api = await startTestApp(backends, { QL_ROLE: 'api', ...LIVE_ENV });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await Promise.all(sources.map((s) => s.close()));
    await api?.close();
    await backends?.cleanup();
  });

  it('holds each stream once, and moves a dead worker’s streams to the other', async () => {
    const env = { ...backends.env, ...LIVE_ENV };
    const [first, second] = await Promise.all([startWorker(env), startWorker(env)]);
    workers.push(first, second);
    const { apiKey } = await api.createPlatform();
    const auth = { Authorization: `Bearer ${apiKey}` };
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const source = await hlsSource(i % 2 ? 'segment-10s.ts' : 'segment-benign-overlay.ts', SMALL);
      sources.push(source);
      const response = await api
        .http()
        .post('/v1/streams')
        .set(auth)
        .send({ externalId: `room-${i}`, streamerId: `host-${i}`, source: { url: source.url } });
      expect(response.status).toBe(201);
      ids.push(response.body.id);
    }
    // The lease owners (host:pid:random) from the database; platforms see only an opaque id per worker.
    const db0 = api.app.get(DataSource);
    const holders = async () => {
      const rows = await db0.query<Array<{ stream_id: string; lease_owner: string | null }>>(
        `SELECT stream_id, lease_owner FROM stream_sources`,
      );
      const owner = new Map(rows.map((r) => [r.stream_id, r.lease_owner]));
      return ids.map((id) => owner.get(id) ?? null);
    };
    const pidOf = (worker: string | null) => (worker ? Number(worker.split(':')[1]) : null);
    const shown = (await api.http().get(`/v1/streams/${ids[0]}`).set(auth)).body.source.worker;
    expect(shown === null || /^w-[0-9a-f]{12}$/.test(shown)).toBe(true);

    // Every stream pulled, each by one worker, and both workers at work.
    const shared = await waitFor(
      async () => {
        const held = await holders();
        const db = api.app.get(DataSource);
        const pulled = await db.query<Array<{ stream_id: string }>>(
          `SELECT DISTINCT stream_id FROM segments WHERE source = 'pull'`,
        );
        return held.every((w) => w) && pulled.length === 6 ? held : undefined;
      },
      'all six streams to be pulled',
      90_000,
    );
    const pids = shared.map(pidOf);
    expect(new Set(pids)).toEqual(new Set([first.pid, second.pid]));

    const killedAt = Date.now();
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const moved = await waitFor(
      async () => {
        const held = (await holders()).map(pidOf);
        return held.every((pid) => pid === second.pid) ? Date.now() - killedAt : undefined;
      },
      'the dead worker’s streams to move',
      30_000,
    );
    // Within the lease, plus one pass of the surviving worker to notice.
    expect(moved).toBeLessThanOrEqual(LEASE_MS + LEASE_MS / 3 + 2000);

    // The survivor goes on pulling them: new pieces after the move.
    const db = api.app.get(DataSource);
    const countPieces = async () =>
      Number((await db.query<Array<{ n: string }>>(`SELECT COUNT(*) AS n FROM segments WHERE source = 'pull'`))[0].n);
    const afterMove = await countPieces();
    await waitFor(
      async () => ((await countPieces()) >= afterMove + 6 ? true : undefined),
      'pieces after the move',
      60_000,
    );

    // No frame time sampled twice, on any stream.
    const repeated = await db.query(
      `SELECT stream_id, stream_time_ms, COUNT(*) AS n FROM frames WHERE stream_id IS NOT NULL
       GROUP BY stream_id, stream_time_ms HAVING COUNT(*) > 1`,
    );
    expect(repeated).toEqual([]);
    const overlapping = await db.query(
      `SELECT a.id FROM segments a JOIN segments b ON a.stream_id = b.stream_id AND a.id <> b.id
       WHERE a.source = 'pull' AND b.source = 'pull' AND a.start_offset_ms = b.start_offset_ms`,
    );
    expect(overlapping).toEqual([]);
  });
});
