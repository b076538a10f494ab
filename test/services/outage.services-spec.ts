import { join } from 'node:path';
import { FaultyLink } from '../helpers/faulty-link';
import { FIXTURES, TestApp, TestBackends, serviceBackends, startTestApp, waitForTerminal } from '../helpers/test-app';

/**
 * PostgreSQL and Redis going away under a running service (API and workers in one process, as `QL_ROLE=all` on
 * Redis runs): the service reaches each through a link the test cuts, so the outage is a real one (connections
 * reset, new ones refused). Every call answers in bounded time, with 503 `unavailable` where it cannot do its
 * work, and the work resumes by itself when the link is back.
 */
describe('outages of PostgreSQL and Redis (PostgreSQL + BullMQ)', () => {
  let backends: TestBackends;
  let app: TestApp;
  let database: FaultyLink;
  let redis: FaultyLink;
  let auth: { Authorization: string };
  let apiKey: string;
  let streamId: string;

  beforeAll(async () => {
    backends = await serviceBackends();
    const db = await FaultyLink.to(backends.env.DATABASE_URL);
    const queue = await FaultyLink.to(backends.env.REDIS_URL);
    database = db.link;
    redis = queue.link;
    app = await startTestApp(backends, { QL_ROLE: 'all', DATABASE_URL: db.url, REDIS_URL: queue.url });
    ({ apiKey } = await app.createPlatform());
    auth = { Authorization: `Bearer ${apiKey}` };
    const stream = await app.http().post('/v1/streams').set(auth).send({ externalId: 'outage-room', streamerId: 's' });
    streamId = stream.body.id;
  });
  afterAll(async () => {
    await redis?.restore().catch(() => undefined);
    await database?.restore().catch(() => undefined);
    await app?.close();
    await redis?.cut();
    await database?.cut();
    await backends?.cleanup();
  });

  const timed = async <T>(call: () => PromiseLike<T>): Promise<[T, number]> => {
    const started = Date.now();
    const result = await call();
    return [result, Date.now() - started];
  };

  it('takes a segment while Redis is away, says so on /health within 2 s, and classifies it once Redis is back', async () => {
    await redis.cut();
    const [upload, uploadMs] = await timed(() =>
      app.http().post(`/v1/streams/${streamId}/segments`).set(auth).attach('file', join(FIXTURES, 'segment-flv.flv')),
    );
    // The row is committed first; the enqueue waits ENQUEUE_TIMEOUT_MS (2 s) and leaves the rest to the reconciler.
    expect(upload.status).toBe(202);
    expect(uploadMs).toBeLessThan(4000);

    const [health, healthMs] = await timed(() => app.http().get('/health'));
    expect(health.status).toBe(503);
    expect(healthMs).toBeLessThan(2500);
    expect(health.body.code).toBe('unavailable');
    expect(health.body.message).toMatch(/queue/);
    expect(health.body.details.queue.status).toBe('down');
    expect(health.body.details.database.status).toBe('up');

    await redis.restore();
    const done = await waitForTerminal(app.http, apiKey, `/v1/segments/${upload.body.id}`, 120_000);
    expect(done.status).toBe('classified');
    expect((await app.http().get('/health')).status).toBe(200);
  }, 180_000);

  it('answers 503 unavailable with Retry-After while PostgreSQL is away, and 200 again once it is back', async () => {
    await database.cut();
    const [read, readMs] = await timed(() => app.http().get(`/v1/streams/${streamId}`).set(auth));
    expect(read.status).toBe(503);
    expect(read.body.code).toBe('unavailable');
    expect(read.headers['retry-after']).toBe('5');
    expect(readMs).toBeLessThan(6000);

    const upload = await app
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth)
      .attach('file', join(FIXTURES, 'segment-flv.flv'));
    expect(upload.status).toBe(503);
    expect(upload.body.code).toBe('unavailable');

    const [health, healthMs] = await timed(() => app.http().get('/health'));
    expect(health.status).toBe(503);
    expect(healthMs).toBeLessThan(2500);
    expect(health.body.details.database.status).toBe('down');

    await database.restore();
    const again = await app.http().get(`/v1/streams/${streamId}`).set(auth);
    expect(again.status).toBe(200);
  }, 60_000);
});
