import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  FIXTURES,
  TestApp,
  TestBackends,
  serviceBackends,
  startTestApp,
  waitFor,
  waitForTerminal,
} from '../helpers/test-app';
import { S3TestServer, startS3Server } from '../helpers/s3-server';
import { startWorker } from '../helpers/worker-process';

/** Every file under a folder, relative to it (the API's and the worker's own DATA_DIR). */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/**
 * Object storage end to end: the API and a worker in separate processes, each with a DATA_DIR of its own (no shared
 * file system), on PostgreSQL + BullMQ and a real S3-compatible server (s3rver). An uploaded segment, a segment by
 * URL and a post with an image are accepted by the API, sampled and classified by the worker; a flag's evidence
 * frame is served by the API's review route from the bucket; the media and the evidence JPEGs are objects in the
 * bucket, and neither data directory keeps any media once the jobs are done.
 */
describe('object storage (S3-compatible, API and worker in separate processes)', () => {
  let s3: S3TestServer;
  let backends: TestBackends;
  let api: TestApp;
  let worker: ChildProcess | undefined;
  let workerDataDir: string;
  let secrets: string;
  let media: Server;
  let bucket: S3Client;
  const prefix = 'qinglang-e2e';

  beforeAll(async () => {
    s3 = await startS3Server();
    backends = await serviceBackends();
    workerDataDir = mkdtempSync(join(tmpdir(), 'qinglang-worker-'));
    // Keys and the audit witness are not media: every process of a deployment is given the same ones (mounted
    // secrets, the witness's own store), here one folder outside both data directories.
    secrets = mkdtempSync(join(tmpdir(), 'qinglang-secrets-'));
    const shared = {
      ...s3.env(prefix),
      SECRET_KEY_PATH: join(secrets, 'server-secret.key'),
      AUDIT_KEY_PATH: join(secrets, 'audit-ed25519.pem'),
      AUDIT_WITNESS_PATH: join(secrets, 'witness.jsonl'),
    };
    api = await startTestApp(backends, { QL_ROLE: 'api', ...shared });
    media = createServer((_request, response) => response.end(readFileSync(join(FIXTURES, 'segment-10s.ts'))));
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
    worker = await startWorker({
      ...backends.env,
      ...shared,
      DATA_DIR: workerDataDir,
      SEGMENT_FETCH_ALLOW_PRIVATE: 'true',
    });
    bucket = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    bucket?.destroy();
    await new Promise((resolve) => media?.close(resolve));
    await api?.close();
    await backends?.cleanup();
    await s3?.close();
    rmSync(workerDataDir, { recursive: true, force: true });
    rmSync(secrets, { recursive: true, force: true });
  });

  async function objectKeys(under: string): Promise<string[]> {
    const listed = await bucket.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `${prefix}/${under}` }));
    return (listed.Contents ?? []).map((object) => object.Key!.slice(prefix.length + 1)).sort();
  }

  async function objectBytes(path: string): Promise<Buffer> {
    const object = await bucket.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${prefix}/${path}` }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  it('names the driver in /health and finds the bucket', async () => {
    const health = await api.http().get('/health');
    expect(health.body.details.storage).toEqual({ status: 'up', driver: 's3', bucket: 'evidence' });
  });

  it('samples and classifies uploads, URLs and posts on the worker, with the media and the evidence in the bucket', async () => {
    const { id: platformId, apiKey } = await api.createPlatform();
    const auth = { Authorization: `Bearer ${apiKey}` };
    const stream = await api.http().post('/v1/streams').set(auth).send({ externalId: 'casino', streamerId: 'host' });
    const uploaded = await api
      .http()
      .post(`/v1/streams/${stream.body.id}/segments`)
      .set(auth)
      .field('startOffsetMs', '30000')
      .attach('file', join(FIXTURES, 'segment-gambling-overlay.ts'));
    expect(uploaded.status).toBe(202);
    const byUrl = await api
      .http()
      .post(`/v1/streams/${stream.body.id}/segments`)
      .set(auth)
      .send({ url: `http://127.0.0.1:${(media.address() as AddressInfo).port}/segment.ts`, startOffsetMs: 90_000 });
    expect(byUrl.status).toBe(202);
    const post = await api
      .http()
      .post('/v1/posts')
      .set(auth)
      .field('externalId', 'post-1')
      .field('authorId', 'writer-1')
      .field('text', '今天的风景真好看')
      .attach('images', join(FIXTURES, 'image.png'));
    expect(post.status).toBe(202);

    const segment = await waitForTerminal(api.http, apiKey, `/v1/segments/${uploaded.body.id}`, 180_000);
    const fetched = await waitForTerminal(api.http, apiKey, `/v1/segments/${byUrl.body.id}`, 180_000);
    const classifiedPost = await waitForTerminal(api.http, apiKey, `/v1/posts/${post.body.id}`, 180_000);
    for (const item of [segment, fetched, classifiedPost]) {
      expect(item.failure).toBeNull();
      expect(item.status).toBe('classified');
    }
    // Scored from the stored JPEGs: a frame the worker could not read would have no scores.
    for (const item of [segment, fetched, classifiedPost])
      for (const frame of item.results.frames.filter((f: { status: string }) => f.status === 'classified'))
        expect(Object.keys(frame.scores).sort()).toEqual(['drawing', 'hentai', 'neutral', 'porn', 'sexy']);

    // The upload, the fetched segment and the post's image, and one JPEG per sampled frame: nothing else.
    const stored = await objectKeys(`media/${platformId}/`);
    expect(stored).toHaveLength(3);
    expect(stored).toContain(`media/${platformId}/segments/${uploaded.body.id}.ts`);
    expect(stored).toContain(`media/${platformId}/segments/${byUrl.body.id}.fetched`);
    expect(stored.find((key) => key.startsWith(`media/${platformId}/posts/${post.body.id}/`))).toMatch(/\.png$/);
    expect(await objectBytes(`media/${platformId}/segments/${uploaded.body.id}.ts`)).toEqual(
      readFileSync(join(FIXTURES, 'segment-gambling-overlay.ts')),
    );
    const frames = await objectKeys(`frames/${platformId}/`);
    const sampled = [segment, fetched, classifiedPost].flatMap((item) => item.results.frames);
    expect(frames).toHaveLength(sampled.length);
    expect(frames.every((key) => key.endsWith('.jpg'))).toBe(true);

    // A flag on the overlay; its evidence frame comes from the bucket through the API, to platform and reviewer.
    const flags = await waitFor(async () => {
      const response = await api.http().get(`/v1/flags?subjectId=${stream.body.id}`).set(auth);
      return response.body.flags?.length ? response.body.flags : undefined;
    }, 'the gambling flag');
    const flag = (await api.http().get(`/v1/flags/${flags[0].id}`).set(auth)).body;
    const frameId = flag.evidence.find((e: { detail: { frameId?: string } }) => e.detail.frameId).detail.frameId;
    const reviewer = await api.createStaff('reviewer');
    const image = await api
      .http()
      .get(`/v1/review/frames/${frameId}/image`)
      .set({ Authorization: `Bearer ${reviewer.token}` })
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    const evidence = await Promise.all(
      frames.filter((key) => key.startsWith(`frames/${platformId}/segment-${uploaded.body.id}/`)).map(objectBytes),
    );
    expect(evidence.some((bytes) => bytes.equals(image.body as Buffer))).toBe(true);
    const platformImage = await api.http().get(`/v1/frames/${frameId}/image`).set(auth);
    expect(platformImage.status).toBe(200);

    // Neither process keeps media on its own disk: the API's uploads went to the bucket, the worker's scratch is gone.
    expect(filesUnder(api.config.dataDir)).toEqual([]);
    expect(filesUnder(workerDataDir)).toEqual([]);
  });
});
