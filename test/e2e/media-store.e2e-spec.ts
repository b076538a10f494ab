import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { Socket, createServer } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { loadConfig } from '@qinglang/config';
import {
  MediaStore,
  MediaStoreUnavailableError,
  StoredMediaMissingError,
  createMediaStore,
  removeStaleScratch,
} from '@qinglang/storage';
import { MediaStoreMisconfiguredError } from '../../libs/storage/src/s3-errors';
import { startS3FaultProxy } from '../helpers/s3-fault-proxy';
import { S3TestServer, startS3Server } from '../helpers/s3-server';

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString();
}

let s3: S3TestServer;
beforeAll(async () => (s3 = await startS3Server()));
afterAll(() => s3?.close());

/**
 * One contract, two drivers: what the pipeline, the review routes and retention rely on behaves the same on the
 * local file system and on a real S3-compatible server (s3rver, from npm, over HTTP with the SDK's path-style requests).
 */
describe.each([
  ['local', () => ({})],
  // A prefix of its own per test: the tests share the bucket.
  ['s3', () => s3.env(`qinglang/test-${randomBytes(4).toString('hex')}`)],
])('media store (%s driver)', (driver, env) => {
  let dataDir: string;
  let store: MediaStore;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'qinglang-store-'));
    store = await createMediaStore(loadConfig({ DATA_DIR: dataDir, ...env() }));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stores an upload, reads it back whole and in part, and removes it', async () => {
    const upload = join(dataDir, 'upload.tmp');
    writeFileSync(upload, 'GIF89a and the rest of the image');
    expect(store.driver).toBe(driver);
    await store.adopt(upload, 'media/p1/posts/post-1/a.gif');
    expect(existsSync(upload)).toBe(false);
    expect((await store.head('media/p1/posts/post-1/a.gif', 6)).toString()).toBe('GIF89a');
    expect(await text(await store.open('media/p1/posts/post-1/a.gif'))).toBe('GIF89a and the rest of the image');
    await store.remove('media/p1/posts/post-1/a.gif');
    await expect(store.open('media/p1/posts/post-1/a.gif')).rejects.toBeInstanceOf(StoredMediaMissingError);
    // Removing what is not there is not an error: retention may run twice over the same item.
    await store.remove('media/p1/posts/post-1/a.gif');
  });

  it('stores a file larger than one multipart part and reads it back byte for byte', async () => {
    const big = join(dataDir, 'big.upload');
    const bytes = randomBytes(12 * 1024 * 1024);
    writeFileSync(big, bytes);
    await store.adopt(big, 'media/p1/segments/big.ts');
    expect((await store.head('media/p1/segments/big.ts', 188)).equals(bytes.subarray(0, 188))).toBe(true);
    await store.withScratch(async (scratch) => {
      expect((await readFile(await store.localFile('media/p1/segments/big.ts', scratch))).equals(bytes)).toBe(true);
    });
  });

  it('answers a missing file with StoredMediaMissingError before any byte', async () => {
    await expect(store.open('frames/p1/segment-x/0000000000.jpg')).rejects.toBeInstanceOf(StoredMediaMissingError);
    await expect(store.head('frames/p1/segment-x/0000000000.jpg')).rejects.toBeInstanceOf(StoredMediaMissingError);
    await store.withScratch((scratch) =>
      expect(store.localFile('frames/p1/segment-x/0000000000.jpg', scratch)).rejects.toBeInstanceOf(
        StoredMediaMissingError,
      ),
    );
  });

  it('refuses paths that leave the store', async () => {
    await expect(store.open('../outside.jpg')).rejects.toThrow('Not a stored media path');
    await expect(store.remove('/etc/passwd')).rejects.toThrow('Not a stored media path');
  });

  it('stores a folder written in a scratch (only the files kept), reads it from a fresh scratch, and the scratch goes', async () => {
    let firstScratch = '';
    await store.withScratch(async (scratch) => {
      firstScratch = scratch.directory;
      const folder = await store.placeFor('frames/p1/segment-1', scratch);
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, '0000000000.jpg'), 'jpeg 0');
      await writeFile(join(folder, '0000002000.jpg'), 'jpeg 2000');
      await writeFile(join(folder, '0000002000.rgba'), 'raw pixels');
      await store.commit('frames/p1/segment-1', scratch, (name) => name.endsWith('.jpg'));
    });
    expect(existsSync(firstScratch)).toBe(false);
    await store.withScratch(async (scratch) => {
      const local = await store.localFile('frames/p1/segment-1/0000002000.jpg', scratch);
      expect(await readFile(local, 'utf8')).toBe('jpeg 2000');
    });
    // The raw pixels are only ever in the store on the local driver, where they were written in place.
    const raw = store.open('frames/p1/segment-1/0000002000.rgba');
    if (driver === 'local') expect(await text(await raw)).toBe('raw pixels');
    else await expect(raw).rejects.toBeInstanceOf(StoredMediaMissingError);
  });

  it('removes the scratch when the work fails', async () => {
    let directory = '';
    await expect(
      store.withScratch(async (scratch) => {
        directory = scratch.directory;
        await writeFile(await scratch.place('media/p1/segments/s.ts'), 'partial');
        throw new Error('ffmpeg failed');
      }),
    ).rejects.toThrow('ffmpeg failed');
    expect(existsSync(directory)).toBe(false);
    expect(readdirSync(join(dataDir, 'scratch'))).toEqual([]);
  });

  it('removes everything under a folder and nothing beside it', async () => {
    for (const path of ['frames/p1/segment-1/a.jpg', 'frames/p1/segment-1/b.jpg', 'frames/p1/segment-10/a.jpg']) {
      const file = join(dataDir, 'staged');
      writeFileSync(file, path);
      await store.adopt(file, path);
    }
    expect(await store.removeFolder('frames/p1/segment-1')).toBe(2);
    await expect(store.open('frames/p1/segment-1/a.jpg')).rejects.toBeInstanceOf(StoredMediaMissingError);
    expect(await text(await store.open('frames/p1/segment-10/a.jpg'))).toBe('frames/p1/segment-10/a.jpg');
    expect(await store.removeFolder('frames/p1/never-written')).toBe(0);
  });

  it('names its driver in its health check', async () => {
    expect(await store.check()).toMatchObject({ driver });
  });
});

describe('media store on S3: the bucket itself', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qinglang-store-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps objects at <prefix>/<stored path>, typed, with the configured keys', async () => {
    const store = await createMediaStore(loadConfig({ DATA_DIR: dataDir, ...s3.env('ql') }));
    const file = join(dataDir, 'frame.jpg');
    writeFileSync(file, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    await store.adopt(file, 'frames/p9/post-1/image-0/0000000000.jpg');
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'ql/frames/p9/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['ql/frames/p9/post-1/image-0/0000000000.jpg']);
    const object = await client.send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: 'ql/frames/p9/post-1/image-0/0000000000.jpg' }),
    );
    expect(object.ContentType).toBe('image/jpeg');
    client.destroy();
  });

  it('fails its health check on a missing bucket, wrong keys or no server, naming the bucket but not the address', async () => {
    const missing = await createMediaStore(
      loadConfig({ DATA_DIR: dataDir, ...s3.env(), STORAGE_URL: 's3://nobucket' }),
    );
    await expect(missing.check()).rejects.toThrow(/^bucket nobucket: misconfigured, .*HTTP 404/);
    const wrongKeys = await createMediaStore(
      loadConfig({ DATA_DIR: dataDir, ...s3.env(), AWS_ACCESS_KEY_ID: 'NOT-A-KEY' }),
    );
    await expect(wrongKeys.check()).rejects.toThrow(/^bucket evidence: misconfigured, .*HTTP 403/);
    const gone = await startS3Server('gone');
    const env = gone.env();
    await gone.close();
    const noServer = await createMediaStore(loadConfig({ DATA_DIR: dataDir, ...env }));
    const failure = await noServer.check().catch((error: Error) => error.message);
    expect(failure).toMatch(/^bucket gone: .*ECONNREFUSED/);
    expect(failure).not.toContain('127.0.0.1');
  });
});

describe('media store on S3: what a failure means', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qinglang-store-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers wrong settings as a misconfiguration (500 storage_misconfigured), never as a missing object', async () => {
    const wrongKeys = await createMediaStore(
      loadConfig({ DATA_DIR: dataDir, ...s3.env(), AWS_ACCESS_KEY_ID: 'NOT-A-KEY' }),
    );
    const refused = await wrongKeys.open('frames/p1/segment-x/0.jpg').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MediaStoreMisconfiguredError);
    expect(refused).toMatchObject({ status: 500, code: 'storage_misconfigured', s3Code: 'InvalidAccessKeyId' });
    expect((refused as Error).message).not.toMatch(/127\.0\.0\.1|NOT-A-KEY|S3RVER/);
    const upload = join(dataDir, 'refused.upload');
    writeFileSync(upload, 'GIF89a');
    await expect(wrongKeys.adopt(upload, 'media/p1/posts/p/a.gif')).rejects.toBeInstanceOf(
      MediaStoreMisconfiguredError,
    );
    // No such bucket is also a 404 on a GetObject: a misconfiguration, not the object missing.
    const noBucket = await createMediaStore(
      loadConfig({ DATA_DIR: dataDir, ...s3.env(), STORAGE_URL: 's3://nobucket' }),
    );
    await expect(noBucket.open('frames/p1/segment-x/0.jpg')).rejects.toMatchObject({ s3Code: 'NoSuchBucket' });
    // The right settings and no such object: missing.
    const right = await createMediaStore(loadConfig({ DATA_DIR: dataDir, ...s3.env('ok') }));
    await expect(right.open('frames/p1/segment-x/0.jpg')).rejects.toBeInstanceOf(StoredMediaMissingError);
  });

  it('answers the bucket failing (503 from S3) as an outage, and leaves the file of a failed upload closed', async () => {
    // Every PUT fails (simple puts and multipart parts); creating the multipart upload and the rest pass.
    const proxy = await startS3FaultProxy(s3.endpoint, (request) => request.method === 'PUT');
    try {
      const store = await createMediaStore(
        loadConfig({ DATA_DIR: dataDir, ...s3.env('blip'), S3_ENDPOINT: proxy.endpoint }),
      );
      const big = join(dataDir, 'big-refused.upload');
      writeFileSync(big, randomBytes(32 * 1024 * 1024));
      const openOnBig = () =>
        readdirSync('/proc/self/fd').filter((fd) => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`) === big;
          } catch {
            return false;
          }
        }).length;
      await expect(store.adopt(big, 'media/p1/segments/big.ts')).rejects.toBeInstanceOf(MediaStoreUnavailableError);
      // The upload read the file part by part; once it failed, nothing may hold the file open.
      await new Promise((resolve) => setImmediate(resolve));
      expect(openOnBig()).toBe(0);
      // The file stays where it was: adopt takes it only once it is stored.
      expect(existsSync(big)).toBe(true);
      expect(proxy.seen.some((call) => call.startsWith('PUT '))).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('aborts its health check when the caller stops waiting, leaving no request to an endpoint that never answers', async () => {
    // Accepts connections and never answers a byte: a blackholed or hung endpoint.
    const sockets: Socket[] = [];
    const closed: Socket[] = [];
    const silent = createServer((socket) => {
      sockets.push(socket);
      // Reads (and ignores) the request, so the client closing its end is seen.
      socket.resume();
      socket.on('close', () => closed.push(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as { port: number };
      const store = await createMediaStore(
        loadConfig({ DATA_DIR: dataDir, ...s3.env(), S3_ENDPOINT: `http://127.0.0.1:${port}` }),
      );
      const abort = new AbortController();
      const checked = store.check(abort.signal).catch((error: Error) => error);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sockets).toHaveLength(1);
      const aborted = Date.now();
      abort.abort();
      expect(((await checked) as Error).message).toMatch(/^bucket evidence: /);
      expect(Date.now() - aborted).toBeLessThan(500);
      // The request is gone, not left running into its retries (the SDK's own bound is 20 s of silence): its
      // connection closes at once and no new one is opened.
      const deadline = Date.now() + 2000;
      while (closed.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(closed).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sockets).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('stale scratch', () => {
  it('removes files and empty folders a killed process left, and keeps fresh ones', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qinglang-scratch-'));
    try {
      const old = new Date(Date.now() - 7 * 3_600_000);
      mkdirSync(join(root, 'job-dead', 'frames'), { recursive: true });
      writeFileSync(join(root, 'job-dead', 'frames', '0.jpg'), 'left behind');
      mkdirSync(join(root, 'staging', 'media', 'p', 'pulls', 's'), { recursive: true });
      writeFileSync(join(root, 'staging', 'media', 'p', 'pulls', 's', 'piece-1.ts'), 'never taken');
      writeFileSync(join(root, 'staging', 'media', 'p', 'pulls', 's', 'piece-2.ts'), 'being taken');
      mkdirSync(join(root, 'job-live'));
      writeFileSync(join(root, 'job-live', 'segment.ts'), 'in use');
      for (const path of ['job-dead/frames/0.jpg', 'job-dead/frames', 'job-dead', 'staging/media/p/pulls/s/piece-1.ts'])
        utimesSync(join(root, path), old, old);
      expect(await removeStaleScratch(root, new Date(Date.now() - 6 * 3_600_000))).toBe(2);
      expect(readdirSync(root, { recursive: true }).map(String).sort()).toEqual(
        [
          'job-live',
          'job-live/segment.ts',
          'staging',
          'staging/media',
          'staging/media/p',
          'staging/media/p/pulls',
          'staging/media/p/pulls/s',
          'staging/media/p/pulls/s/piece-2.ts',
        ].sort(),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
