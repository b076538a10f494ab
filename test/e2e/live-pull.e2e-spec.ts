import type { LiveSource } from '../helpers/live-source';
import { flvSource, hlsSource, rtmpSource } from '../helpers/live-source';
import { TestApp, useEmbeddedApp, waitFor } from '../helpers/test-app';

interface Flag {
  id: string;
  category: string;
  subject: { kind: string; id: string };
}

/**
 * Live pull by URL: a local HLS, HTTP-FLV and RTMP stream (ffmpeg from a media fixture, a vertical 720x1280
 * picture whose overlay sits in the middle of the frame) is pulled, cut into pieces, sampled and classified like
 * uploaded segments; ending the stream stops the pull.
 */
describe('live pull by URL', () => {
  const fixture = useEmbeddedApp({
    LIVE_ALLOWED_NETWORKS: '127.0.0.1/32',
    LIVE_LEASE_MS: '3000',
    LIVE_PIECE_SECONDS: '2',
    LIVE_STALL_MS: '6000',
    LIVE_RECONNECT_GRACE_MS: '8000',
    FRAME_INTERVAL_SECONDS: '2',
    OCR_INTERVAL_SECONDS: '2',
  });
  let t: TestApp;
  let key: string;
  const auth = () => ({ Authorization: `Bearer ${key}` });
  const sources: LiveSource[] = [];

  beforeAll(async () => {
    t = fixture.app;
    key = (await t.createPlatform()).apiKey;
  });
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.close()));
  });

  async function pull(externalId: string, url: string) {
    const response = await t
      .http()
      .post('/v1/streams')
      .set(auth())
      .send({ externalId, streamerId: `${externalId}-host`, source: { url } });
    expect(response.status).toBe(201);
    expect(response.body.source).toMatchObject({ url, state: 'pending' });
    return response.body.id as string;
  }

  const stream = async (id: string) => (await t.http().get(`/v1/streams/${id}`).set(auth())).body;
  const flagsOf = async (id: string): Promise<Flag[]> =>
    (await t.http().get(`/v1/flags?subjectId=${id}`).set(auth())).body.flags;

  async function expectGamblingFlag(streamId: string) {
    const [flag] = await waitFor(
      async () => {
        const flags = await flagsOf(streamId);
        return flags.length ? flags : undefined;
      },
      'a flag on the pulled stream',
      120_000,
    );
    expect(flag.category).toBe('gambling');
    const detail = (await t.http().get(`/v1/flags/${flag.id}`).set(auth())).body;
    const text = detail.evidence
      .filter((e: { source: { kind: string } }) => e.source.kind === 'frame_text')
      .map((e: { detail: { text: string } }) => e.detail.text.replace(/\s+/g, ''))
      .join('\n');
    // The overlay sits in the middle of the vertical frame, where the top and bottom bands never reach.
    expect(text).toMatch(/百家乐|澳门|充值/);
    expect(detail.evidence[0].detail.imageUrl).toMatch(/^\/v1\/frames\/.+\/image$/);
    const view = await stream(streamId);
    expect(view.source.state).toBe('pulling');
    expect(view.source.framesSampled).toBeGreaterThan(0);
    expect(view.source.worker).toEqual(expect.any(String));
    // The pulled frames are listed under the stream, in stream-time order.
    const listed = (await t.http().get(`/v1/streams/${streamId}/frames?limit=500`).set(auth())).body;
    const times = listed.frames.map((f: { streamTimeMs: number }) => f.streamTimeMs);
    expect(times.length).toBeGreaterThan(0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    // With a flag open the stream is sampled at the open-flag tier (policy sampling.open_flag_seconds).
    const sampled = await waitFor(
      async () => ((await stream(streamId)).source.sampling?.tier === 'open_flag' ? stream(streamId) : undefined),
      'the open-flag sampling tier',
    );
    expect(sampled.source.sampling).toEqual({ tier: 'open_flag', intervalSeconds: 1 });
  }

  async function expectStopped(streamId: string) {
    const stopped = await waitFor(async () => {
      const view = await stream(streamId);
      return view.source.state === 'ended' ? view : undefined;
    }, 'the pull to stop');
    expect(stopped.source.worker).toBeNull();
    // Nothing more is taken once it stopped (the worker let go; pieces in flight are already counted).
    const pieces = stopped.source.piecesPulled;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await stream(streamId)).source.piecesPulled).toBe(pieces);
  }

  it('pulls a live HLS stream with a gambling overlay mid-frame into a gambling flag; ending it stops the pull', async () => {
    const source = await hlsSource('segment-gambling-overlay.ts');
    sources.push(source);
    const id = await pull('hls-casino', source.url);
    await expectGamblingFlag(id);
    expect((await t.http().patch(`/v1/streams/${id}`).set(auth()).send({ status: 'ended' })).status).toBe(200);
    await expectStopped(id);
  });

  it('opens no flag for a benign HLS stream, and ends when the playlist ends', async () => {
    const source = await hlsSource('segment-benign-overlay.ts');
    sources.push(source);
    const id = await pull('hls-cooking', source.url);
    await waitFor(
      async () => ((await stream(id)).source.framesSampled >= 4 ? true : undefined),
      'frames from the benign stream',
      120_000,
    );
    expect((await stream(id)).source.sampling).toEqual({ tier: 'default', intervalSeconds: 5 });
    await source.end();
    const ended = await waitFor(async () => {
      const view = await stream(id);
      return view.source.state === 'ended' ? view : undefined;
    }, 'the pull to end with the playlist');
    expect(ended.source.lastError).toContain('ENDLIST');
    expect(await flagsOf(id)).toEqual([]);
  });

  it('pulls an endless HTTP-FLV stream; removing its source stops the pull', async () => {
    const source = await flvSource('segment-gambling-overlay.ts');
    sources.push(source);
    const id = await pull('flv-casino', source.url);
    await expectGamblingFlag(id);
    expect((await t.http().delete(`/v1/streams/${id}/source`).set(auth())).status).toBe(200);
    await expectStopped(id);
  });

  it('pulls an RTMP stream', async () => {
    const source = await rtmpSource('segment-gambling-overlay.ts');
    sources.push(source);
    const id = await pull('rtmp-casino', source.url);
    await expectGamblingFlag(id);
    expect((await t.http().patch(`/v1/streams/${id}`).set(auth()).send({ status: 'ended' })).status).toBe(200);
    await expectStopped(id);
  });

  it.each([
    ['HTTP-FLV', flvSource],
    ['RTMP', rtmpSource],
  ])('opens no flag for a benign %s stream', async (_kind, serve) => {
    const source = await serve('segment-benign-overlay.ts');
    sources.push(source);
    const id = await pull(`benign-${_kind}`, source.url);
    await waitFor(
      async () => ((await stream(id)).source.framesSampled >= 3 ? true : undefined),
      'frames from the benign stream',
      120_000,
    );
    expect(await flagsOf(id)).toEqual([]);
    await t.http().delete(`/v1/streams/${id}/source`).set(auth());
  });
});
