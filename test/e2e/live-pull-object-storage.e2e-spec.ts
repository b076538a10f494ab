import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LiveSource } from '../helpers/live-source';
import { SMALL, flvSource, hlsSource } from '../helpers/live-source';
import { S3FaultProxy, startS3FaultProxy } from '../helpers/s3-fault-proxy';
import { S3RVER_CREDENTIALS, S3TestServer, startS3Server } from '../helpers/s3-server';
import { TestApp, embeddedBackends, startTestApp, waitFor } from '../helpers/test-app';
import type { TestBackends } from '../helpers/test-app';

/**
 * Live pull with object storage: pulled pieces are written to DATA_DIR/scratch/staging, put in the bucket when
 * they are taken, and sampled from there like uploads; once a pull ends no piece is left on the machine.
 */
describe('live pull with STORAGE_URL on an S3-compatible server', () => {
  let s3: S3TestServer;
  let backends: TestBackends;
  let t: TestApp;
  let key: string;
  let platformId: string;
  const sources: LiveSource[] = [];
  const auth = () => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    s3 = await startS3Server();
    backends = await embeddedBackends();
    t = await startTestApp(backends, {
      ...s3.env('live'),
      LIVE_ALLOWED_NETWORKS: '127.0.0.1/32',
      LIVE_PIECE_SECONDS: '2',
      FRAME_INTERVAL_SECONDS: '2',
    });
    ({ id: platformId, apiKey: key } = await t.createPlatform());
  });
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.close()));
    await t?.close();
    await backends?.cleanup();
    await s3?.close();
  });

  async function keys(under: string): Promise<string[]> {
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: {
        accessKeyId: S3RVER_CREDENTIALS.AWS_ACCESS_KEY_ID,
        secretAccessKey: S3RVER_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      },
    });
    try {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `live/${under}` }));
      return (listed.Contents ?? []).map((o) => o.Key!.slice('live/'.length));
    } finally {
      client.destroy();
    }
  }

  const stagedPieces = () =>
    readdirSync(join(t.config.dataDir, 'scratch'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => relative(t.config.dataDir, join(entry.parentPath, entry.name)));

  it.each([
    ['HLS', () => hlsSource('segment-benign-overlay.ts', SMALL)],
    ['HTTP-FLV', () => flvSource('segment-benign-overlay.ts')],
  ])(
    'pulls %s pieces into the bucket and samples them from there',
    async (_protocol, start) => {
      const source = await start();
      sources.push(source);
      const created = await t
        .http()
        .post('/v1/streams')
        .set(auth())
        .send({ externalId: `live-${sources.length}`, streamerId: 'host', source: { url: source.url } });
      expect(created.status).toBe(201);
      const streamId = created.body.id as string;
      await waitFor(
        async () =>
          (await t.http().get(`/v1/streams/${streamId}`).set(auth())).body.source.framesSampled >= 2 ? true : undefined,
        // The first pull of the suite waits for the frame analysis threads to load their models: minutes on a
        // box that runs the rest of the suite beside it (it once took over 120 s there). A deadline, not a measure.
        'frames sampled from the pulled pieces',
        200_000,
      );
      const pieces = await keys(`media/${platformId}/pulls/${streamId}/`);
      expect(pieces.length).toBeGreaterThan(0);
      expect(pieces.every((k) => /\/piece-[^/]+\.ts$/.test(k))).toBe(true);
      const frames = (await t.http().get(`/v1/streams/${streamId}/frames?limit=500`).set(auth())).body.frames;
      const image = await t.http().get(`/v1/frames/${frames[0].id}/image`).set(auth());
      expect(image.status).toBe(200);
      expect(image.headers['content-type']).toBe('image/jpeg');

      expect((await t.http().patch(`/v1/streams/${streamId}`).set(auth()).send({ status: 'ended' })).status).toBe(200);
      await waitFor(async () => {
        const view = (await t.http().get(`/v1/streams/${streamId}`).set(auth())).body;
        return view.source.state === 'ended' ? view : undefined;
      }, 'the pull to stop');
      // Taken pieces went to the bucket; what is still staged belongs to no stream that is pulling.
      await waitFor(async () => (stagedPieces().length === 0 ? true : undefined), 'no piece left in staging', 20_000);
    },
    300_000,
  );
});

/**
 * The bucket refusing every piece (its 503): each piece the pull cannot store is removed from staging at once (not
 * hours later by the stale sweep), so a pull that keeps trying leaves nothing behind on the machine.
 */
describe('live pull while the bucket refuses to store', () => {
  let s3: S3TestServer;
  let proxy: S3FaultProxy;
  let backends: TestBackends;
  let t: TestApp;
  let source: LiveSource | undefined;

  beforeAll(async () => {
    s3 = await startS3Server();
    proxy = await startS3FaultProxy(s3.endpoint, (request) => request.method === 'PUT');
    backends = await embeddedBackends();
    t = await startTestApp(backends, {
      ...s3.env('refused'),
      S3_ENDPOINT: proxy.endpoint,
      LIVE_ALLOWED_NETWORKS: '127.0.0.1/32',
      LIVE_PIECE_SECONDS: '2',
    });
  });
  afterAll(async () => {
    await source?.close();
    await t?.close();
    await backends?.cleanup();
    await proxy?.close();
    await s3?.close();
  });

  it('removes each staged piece it could not store', async () => {
    const { apiKey } = await t.createPlatform();
    source = await hlsSource('segment-benign-overlay.ts', SMALL);
    const created = await t
      .http()
      .post('/v1/streams')
      .set({ Authorization: `Bearer ${apiKey}` })
      .send({ externalId: 'refused', streamerId: 'host', source: { url: source.url } });
    expect(created.status).toBe(201);
    // Two different pieces refused (each name is new): with staged pieces kept, two files would stay staged.
    const refusedPieces = () =>
      new Set(proxy.seen.filter((call) => call.startsWith('PUT ') && call.includes('/pulls/'))).size;
    await waitFor(async () => (refusedPieces() >= 2 ? true : undefined), 'two pieces refused by the bucket', 60_000);
    const staged = () =>
      readdirSync(join(t.config.dataDir, 'scratch'), { recursive: true, withFileTypes: true }).filter(
        (entry) => entry.isFile() && entry.name.endsWith('.ts'),
      ).length;
    // Between attempts (the pull waits before reconnecting) nothing is staged.
    await waitFor(async () => (staged() === 0 ? true : undefined), 'no refused piece left in staging', 20_000);
    expect(
      (
        await t
          .http()
          .patch(`/v1/streams/${created.body.id}`)
          .set({ Authorization: `Bearer ${apiKey}` })
          .send({ status: 'ended' })
      ).status,
    ).toBe(200);
  });
});
