import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isOutage } from '@qinglang/operations';
import { MediaStoreUnavailableError } from '@qinglang/storage';
import { startS3Server } from '../helpers/s3-server';
import { FIXTURES, TestApp, TestBackends, embeddedBackends, startTestApp } from '../helpers/test-app';

/**
 * The bucket away (its server stopped): /health names the storage as down, an upload answers 503 `unavailable`
 * with Retry-After, like a database or Redis outage, and leaves nothing behind on the API's disk.
 */
describe('object storage away', () => {
  let backends: TestBackends;
  let t: TestApp;

  beforeAll(async () => {
    const s3 = await startS3Server();
    const env = s3.env('away');
    await s3.close();
    backends = await embeddedBackends();
    t = await startTestApp(backends, env);
  });
  afterAll(async () => {
    await t?.close();
    await backends?.cleanup();
  });

  it('is an outage, not a bug', () => {
    expect(isOutage(new MediaStoreUnavailableError('The media store failed', new Error('HTTP 503')))).toBe(true);
  });

  it('shows storage down in /health, within its bound', async () => {
    const started = Date.now();
    const health = await t.http().get('/health');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(health.status).toBe(503);
    expect(health.body.details.storage).toMatchObject({ status: 'down', driver: 's3' });
    expect(health.body.details.storage.error).toMatch(/^bucket evidence: .*ECONNREFUSED/);
    expect(JSON.stringify(health.body)).not.toContain('127.0.0.1');
  });

  it('answers an upload 503 unavailable and keeps no file', async () => {
    const { apiKey } = await t.createPlatform();
    const auth = { Authorization: `Bearer ${apiKey}` };
    const stream = await t.http().post('/v1/streams').set(auth).send({ externalId: 'away', streamerId: 'host' });
    const upload = await t
      .http()
      .post(`/v1/streams/${stream.body.id}/segments`)
      .set(auth)
      .field('startOffsetMs', '0')
      .attach('file', join(FIXTURES, 'segment-10s.ts'));
    expect(upload.status).toBe(503);
    expect(upload.body.code).toBe('unavailable');
    expect(upload.headers['retry-after']).toBeDefined();
    expect(readdirSync(join(t.config.dataDir, 'uploads'))).toEqual([]);
  });
});
