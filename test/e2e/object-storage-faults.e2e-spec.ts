import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { S3FaultProxy, startS3FaultProxy } from '../helpers/s3-fault-proxy';
import { S3RVER_CREDENTIALS, S3TestServer, startS3Server } from '../helpers/s3-server';
import { FIXTURES, TestApp, TestBackends, embeddedBackends, startTestApp } from '../helpers/test-app';

/**
 * The bucket failing one call, or refusing the settings, seen through the API: nothing is left in the bucket or
 * on the API's disk that no row points at, and a misconfiguration is told apart from an outage.
 */
describe('object storage faults through the API', () => {
  let s3: S3TestServer;
  let bucket: S3Client;

  beforeAll(async () => {
    s3 = await startS3Server();
    bucket = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: {
        accessKeyId: S3RVER_CREDENTIALS.AWS_ACCESS_KEY_ID,
        secretAccessKey: S3RVER_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      },
    });
  });
  afterAll(async () => {
    bucket?.destroy();
    await s3?.close();
  });

  async function keys(prefix: string): Promise<string[]> {
    const listed = await bucket.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
    return (listed.Contents ?? []).map((object) => object.Key!);
  }

  describe('a post whose second attachment fails to store', () => {
    let proxy: S3FaultProxy;
    let backends: TestBackends;
    let t: TestApp;

    beforeAll(async () => {
      // The first PUT (the first image) goes through; every later one is the bucket's 503, retries included.
      proxy = await startS3FaultProxy(s3.endpoint, (req, count) => req.method === 'PUT' && count.PUT > 1);
      backends = await embeddedBackends();
      t = await startTestApp(backends, { ...s3.env('blip'), S3_ENDPOINT: proxy.endpoint });
    });
    afterAll(async () => {
      await t?.close();
      await backends?.cleanup();
      await proxy?.close();
    });

    it('answers 503 and leaves neither the first image in the bucket nor an upload on disk', async () => {
      const { id: platformId, apiKey } = await t.createPlatform();
      const post = await t
        .http()
        .post('/v1/posts')
        .set('Authorization', `Bearer ${apiKey}`)
        .field('externalId', 'two-images')
        .field('authorId', 'writer-1')
        .field('text', '两张图')
        .attach('images', join(FIXTURES, 'image.png'))
        .attach('images', join(FIXTURES, 'image.png'), 'second.png');
      expect(post.status).toBe(503);
      expect(post.body.code).toBe('unavailable');
      // The first image was stored (one PUT passed), the second refused: the first was then removed.
      expect(proxy.seen.filter((call) => call.startsWith(`PUT /evidence/blip/media/${platformId}/posts/`))).toEqual(
        expect.arrayContaining([expect.any(String), expect.any(String)]),
      );
      expect(await keys(`blip/media/${platformId}/`)).toEqual([]);
      expect(readdirSync(join(t.config.dataDir, 'uploads'))).toEqual([]);
      // Nothing was recorded that could point at a stored file.
      expect(await t.app.get(DataSource).query('SELECT id FROM posts')).toEqual([]);
      expect(await t.app.get(DataSource).query('SELECT id FROM post_media')).toEqual([]);
    });
  });

  describe('wrong settings', () => {
    let backends: TestBackends;
    let t: TestApp;

    beforeAll(async () => {
      backends = await embeddedBackends();
      t = await startTestApp(backends, { ...s3.env('refused'), AWS_ACCESS_KEY_ID: 'NOT-A-KEY' });
    });
    afterAll(async () => {
      await t?.close();
      await backends?.cleanup();
    });

    it('answers an upload 500 storage_misconfigured (not a retry-later), naming no address or key', async () => {
      const { apiKey } = await t.createPlatform();
      const auth = { Authorization: `Bearer ${apiKey}` };
      const stream = await t.http().post('/v1/streams').set(auth).send({ externalId: 'refused', streamerId: 'host' });
      // Through the contract check: the published document lists storage_misconfigured under 500.
      const upload = await t
        .http()
        .post(`/v1/streams/${stream.body.id}/segments`)
        .set(auth)
        .field('startOffsetMs', '0')
        .attach('file', join(FIXTURES, 'segment-10s.ts'));
      expect(upload.status).toBe(500);
      expect(upload.body.code).toBe('storage_misconfigured');
      expect(upload.body.message).toContain('InvalidAccessKeyId');
      expect(upload.headers['retry-after']).toBeUndefined();
      expect(JSON.stringify(upload.body)).not.toMatch(/127\.0\.0\.1|NOT-A-KEY|S3RVER/);
      expect(readdirSync(join(t.config.dataDir, 'uploads'))).toEqual([]);
    });

    it('shows storage down as misconfigured in /health', async () => {
      const health = await t.http().get('/health');
      expect(health.status).toBe(503);
      expect(health.body.details.storage).toMatchObject({ status: 'down', driver: 's3' });
      expect(health.body.details.storage.error).toMatch(/^bucket evidence: misconfigured, .*HTTP 403/);
    });
  });
});
