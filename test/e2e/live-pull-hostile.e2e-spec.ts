import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { hlsSource, LiveSource } from '../helpers/live-source';
import { TestApp, useEmbeddedApp, waitFor } from '../helpers/test-app';

/**
 * Hostile and broken sources: each ends as a clear 4xx or a `failed` source with a reason, never a hung pull.
 * 127.0.0.1 stands for the public internet here (LIVE_ALLOWED_NETWORKS); 127.0.0.2 for an internal address a
 * playlist must not lead Qinglang to.
 */
describe('live pull: hostile and broken sources', () => {
  const fixture = useEmbeddedApp({
    LIVE_ALLOWED_NETWORKS: '127.0.0.1/32',
    LIVE_LEASE_MS: '3000',
    LIVE_STALL_MS: '2500',
    LIVE_RECONNECT_GRACE_MS: '4000',
    SEGMENT_FETCH_TIMEOUT_MS: '1500',
    MAX_UPLOAD_BYTES: '2000000',
    LIVE_MAX_STREAMS_PER_PLATFORM: '3',
  });
  let t: TestApp;
  let key: string;
  let publicServer: Server;
  let internalServer: Server;
  let base: string;
  let internal: string;
  let internalHits = 0;
  const auth = () => ({ Authorization: `Bearer ${key}` });
  const media = (uri: string, sequence = 0) =>
    `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:${sequence}\n#EXTINF:2,\n${uri}\n`;

  beforeAll(async () => {
    t = fixture.app;
    key = (await t.createPlatform()).apiKey;
    internalServer = createServer((_request, response) => {
      internalHits++;
      response.writeHead(200).end(media('/secret.ts'));
    });
    await new Promise<void>((resolve) => internalServer.listen(0, '127.0.0.2', resolve));
    internal = `http://127.0.0.2:${(internalServer.address() as AddressInfo).port}`;
    publicServer = createServer((request, response) => {
      const path = request.url ?? '/';
      const routes: Record<string, () => void> = {
        '/variant-to-internal.m3u8': () =>
          response
            .writeHead(200)
            .end(`#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=720x1280\n${internal}/v.m3u8\n`),
        '/segment-to-internal.m3u8': () => response.writeHead(200).end(media(`${internal}/seg.ts`)),
        '/redirect.m3u8': () => response.writeHead(302, { Location: `${internal}/index.m3u8` }).end(),
        '/file-segment.m3u8': () => response.writeHead(200).end(media('file:///etc/passwd')),
        '/stuck.m3u8': () => response.writeHead(200).end(media('/gone.ts', 7)),
        '/huge.m3u8': () => response.writeHead(200).end(media('/huge.ts')),
        '/huge.ts': () => response.writeHead(200).end(Buffer.alloc(3_000_000)),
        '/endless.m3u8': () => response.writeHead(200).end(media('/endless.ts')),
        '/endless.ts': () => {
          response.writeHead(200);
          const timer = setInterval(() => response.write(Buffer.alloc(10)), 100);
          response.on('close', () => clearInterval(timer));
        },
        '/not-a-playlist.m3u8': () => response.writeHead(200).end('<html>hello</html>'),
      };
      if (path.startsWith('/flap/')) return void flap(path.slice('/flap'.length), response);
      (routes[path] ?? (() => response.writeHead(404).end()))();
    });
    await new Promise<void>((resolve) => publicServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(publicServer.address() as AddressInfo).port}`;
  });

  // A source that answers 503 to every other playlist request: the pull rides it out.
  let live: LiveSource | undefined;
  let flaps = 0;
  function flap(path: string, response: import('node:http').ServerResponse) {
    if (path.endsWith('.m3u8') && flaps++ % 2 === 0) return void response.writeHead(503).end();
    fetch(new URL(path, live!.url))
      .then(async (upstream) => response.writeHead(upstream.status).end(Buffer.from(await upstream.arrayBuffer())))
      .catch(() => response.writeHead(502).end());
  }

  afterAll(async () => {
    await live?.close();
    publicServer.closeAllConnections();
    await new Promise((resolve) => publicServer.close(resolve));
    await new Promise((resolve) => internalServer.close(resolve));
  });

  let n = 0;
  async function register(url: string) {
    return t
      .http()
      .post('/v1/streams')
      .set(auth())
      .send({ externalId: `hostile-${n++}`, streamerId: 'someone', source: { url } });
  }

  async function endsFailed(path: string) {
    const response = await register(`${base}${path}`);
    expect(response.status).toBe(201);
    return waitFor(
      async () => {
        const view = (await t.http().get(`/v1/streams/${response.body.id}`).set(auth())).body;
        return view.source.state === 'failed' ? view.source : undefined;
      },
      `${path} to end failed`,
      30_000,
    );
  }

  it.each([
    ['file:///etc/passwd', 422, 'unsupported_source'],
    ['rtsp://cam.example/live', 422, 'unsupported_source'],
    ['rtmpt://live.example/app/key', 422, 'unsupported_source'],
    ['https://cdn.example/live/room.mp4', 422, 'unsupported_source'],
    ['http://127.0.0.2/live.m3u8', 422, 'url_not_allowed'],
    ['http://192.168.1.10/live.flv', 422, 'url_not_allowed'],
    ['rtmp://10.0.0.5/app/key', 422, 'url_not_allowed'],
    ['not a url', 400, 'invalid_source_url'],
  ])('refuses %s at once with %i %s, writing nothing', async (url, status, code) => {
    const externalId = `refused-${n++}`;
    const response = await t
      .http()
      .post('/v1/streams')
      .set(auth())
      .send({ externalId, streamerId: 'x', source: { url } });
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(JSON.stringify(response.body)).not.toContain('/work');
    // Nothing was written: the same stream registered afterwards is created, not found.
    const again = await t.http().post('/v1/streams').set(auth()).send({ externalId, streamerId: 'x' });
    expect(again.status).toBe(201);
  });

  it.each([
    ['/variant-to-internal.m3u8', 'url_not_allowed'],
    ['/segment-to-internal.m3u8', 'not fetched'],
    ['/redirect.m3u8', 'not fetched'],
    ['/file-segment.m3u8', 'Only http and https'],
  ])('a playlist leading to an internal address or a file (%s) fails without touching it', async (path, reason) => {
    const before = internalHits;
    const source = await endsFailed(path);
    expect(source.lastError).toContain(reason === 'url_not_allowed' ? 'not fetched' : reason);
    expect(internalHits).toBe(before);
  });

  it('fails a playlist that never advances, saying so', async () => {
    const source = await endsFailed('/stuck.m3u8');
    expect(source.lastError).toMatch(/not advanced|HTTP 404/);
  });

  it('fails a source whose segment is over the size limit', async () => {
    const source = await endsFailed('/huge.m3u8');
    expect(source.lastError).toMatch(/limit/);
  });

  it('fails a source whose segment never ends, within the time limits', async () => {
    const source = await endsFailed('/endless.m3u8');
    expect(source.lastError).toMatch(/within|limit/);
  });

  it('fails a source that is not a playlist', async () => {
    const source = await endsFailed('/not-a-playlist.m3u8');
    expect(source.lastError).toContain('not an HLS playlist');
  });

  it('rides out a source that flaps, and stops when asked', async () => {
    live = await hlsSource('segment-benign-overlay.ts');
    const response = await register(`${base}/flap/index.m3u8`);
    const id = response.body.id as string;
    const view = await waitFor(
      async () => {
        const current = (await t.http().get(`/v1/streams/${id}`).set(auth())).body;
        if (current.source.state === 'failed') throw new Error(JSON.stringify(current.source));
        return current.source.piecesPulled >= 3 ? current : undefined;
      },
      'pieces from the flapping source',
      60_000,
    );
    expect(['pulling', 'reconnecting']).toContain(view.source.state);
    expect(flaps).toBeGreaterThan(3);
    await t.http().delete(`/v1/streams/${id}/source`).set(auth());
    expect((await t.http().get(`/v1/streams/${id}`).set(auth())).body.source.state).toBe('ended');
  });

  it('holds a platform to its share of pulls, and refuses to pull an ended stream', async () => {
    const other = (await t.createPlatform()).apiKey;
    const as = { Authorization: `Bearer ${other}` };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await t
        .http()
        .post('/v1/streams')
        .set(as)
        .send({ externalId: `quota-${i}`, streamerId: 'q', source: { url: `${base}/stuck.m3u8` } });
      expect(response.status).toBe(201);
      ids.push(response.body.id);
    }
    const over = await t
      .http()
      .post('/v1/streams')
      .set(as)
      .send({ externalId: 'quota-3', streamerId: 'q', source: { url: `${base}/stuck.m3u8` } });
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('pull_quota_exceeded');
    // Nothing half-written: the refused stream does not exist.
    expect((await t.http().post('/v1/streams').set(as).send({ externalId: 'quota-3', streamerId: 'q' })).status).toBe(
      201,
    );
    // Another platform is not held back by this one's pulls.
    expect((await register(`${base}/stuck.m3u8`)).status).toBe(201);

    await t.http().patch(`/v1/streams/${ids[0]}`).set(as).send({ status: 'ended' });
    const again = await t
      .http()
      .put(`/v1/streams/${ids[0]}/source`)
      .set(as)
      .send({ url: `${base}/stuck.m3u8` });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('stream_ended');
    for (const id of ids) await t.http().delete(`/v1/streams/${id}/source`).set(as);
  });
});
