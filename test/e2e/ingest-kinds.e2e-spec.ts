import { createServer, Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FIXTURES, TestApp, TestBackends, embeddedBackends, startTestApp, waitForTerminal } from '../helpers/test-app';

/** Every kind of item a platform sends is accepted once, whatever the retries, and reaches a terminal state. */
describe('ingest API: streams, segments by URL, posts, chat, transcripts and tips', () => {
  let backends: TestBackends;
  let t: TestApp;
  let key: string;
  let streamId: string;
  let media: Server;
  let mediaUrl: string;
  const auth = () => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    backends = await embeddedBackends();
    // The test's media server is on loopback, which the fetcher refuses unless told otherwise.
    t = await startTestApp(backends, { SEGMENT_FETCH_ALLOW_PRIVATE: 'true' });
    key = (await t.createPlatform()).apiKey;
    const segment = readFileSync(join(FIXTURES, 'segment-flv.flv'));
    media = createServer((request, response) => {
      if (request.url === '/live/seg.flv')
        return void response.writeHead(200, { 'Content-Type': 'video/x-flv' }).end(segment);
      if (request.url === '/moved') return void response.writeHead(302, { Location: '/live/seg.flv' }).end();
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
    mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => media?.close(resolve));
    await t?.close();
    await backends?.cleanup();
  });

  it('registers a stream once per external id and updates it', async () => {
    const first = await t
      .http()
      .post('/v1/streams')
      .set(auth())
      .send({ externalId: 'room-9', streamerId: 'star', title: 'a', viewerCount: 5 });
    expect(first.status).toBe(201);
    const again = await t
      .http()
      .post('/v1/streams')
      .set(auth())
      .send({ externalId: 'room-9', streamerId: 'star', viewerCount: 50 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, title: 'a', viewerCount: 50 });
    const ended = await t.http().patch(`/v1/streams/${first.body.id}`).set(auth()).send({ status: 'ended' });
    expect(ended.body).toMatchObject({ id: first.body.id, status: 'ended', streamerId: 'star' });
    const taken = await t
      .http()
      .post('/v1/streams')
      .set(auth())
      .send({ externalId: 'room-9', streamerId: 'someone-else' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('stream_streamer_mismatch');
    streamId = first.body.id;
  });

  it('returns the same segment for a retry with the same Idempotency-Key', async () => {
    const send = () =>
      t
        .http()
        .post(`/v1/streams/${streamId}/segments`)
        .set(auth())
        .set('Idempotency-Key', 'seg-0001')
        .attach('file', join(FIXTURES, 'segment-flv.flv'));
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(202);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
  });

  it('fetches a segment given by URL (following a redirect) and classifies it', async () => {
    const accepted = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth())
      .send({ url: `${mediaUrl}/moved`, startOffsetMs: 4000 });
    expect(accepted.status).toBe(202);
    expect(accepted.body.source).toEqual({ type: 'url', url: `${mediaUrl}/moved` });
    const done = await waitForTerminal(t.http, key, `/v1/segments/${accepted.body.id}`);
    expect(done.status).toBe('classified');
    expect(done.results.frames.map((f: { streamTimeMs: number }) => f.streamTimeMs)).toEqual([4000, 6000]);
  });

  it('fails a URL segment that answers 404, with the reason', async () => {
    const accepted = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth())
      .send({ url: `${mediaUrl}/gone.ts` });
    const done = await waitForTerminal(t.http, key, `/v1/segments/${accepted.body.id}`);
    expect(done.failure).toEqual({ code: 'fetch_failed', reason: expect.stringContaining('404') });
  });

  it('refuses a URL that is not http(s)', async () => {
    const response = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth())
      .send({ url: 'file:///etc/passwd' });
    expect(response.status).toBe(400);
  });

  it('classifies a post with an image and a video, once per external id', async () => {
    const send = () =>
      t
        .http()
        .post('/v1/posts')
        .set(auth())
        .field('externalId', 'post-1')
        .field('authorId', 'writer-1')
        .field('text', '今天的风景真好看')
        .attach('images', join(FIXTURES, 'image.png'))
        .attach('video', join(FIXTURES, 'segment-flv.flv'));
    const first = await send();
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      status: 'queued',
      authorId: 'writer-1',
      media: [{ kind: 'image' }, { kind: 'video' }],
    });
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    const done = await waitForTerminal(t.http, key, `/v1/posts/${first.body.id}`);
    expect(done.status).toBe('classified');
    const sources = done.results.frames.map((f: { source: string; status: string; scores: unknown }) => [
      f.source,
      f.status,
      !!f.scores,
    ]);
    expect(sources).toEqual([
      ['post_image', 'classified', true],
      ['post_video', 'classified', true],
      ['post_video', 'classified', true],
    ]);
  });

  it('accepts chat, transcript and tip batches whole and finishes them', async () => {
    const at = new Date('2026-11-24T12:00:00Z').toISOString();
    const chat = await t
      .http()
      .post(`/v1/streams/${streamId}/chat`)
      .set(auth())
      .set('Idempotency-Key', 'chat-1')
      .send({
        lines: [
          { at, senderId: 'fan-1', text: '主播好' },
          { at, senderId: 'fan-2', text: '来了来了' },
        ],
      });
    expect(chat.status).toBe(202);
    expect(chat.body).toMatchObject({ kind: 'chat', lineCount: 2, status: 'queued' });
    const chatRetry = await t
      .http()
      .post(`/v1/streams/${streamId}/chat`)
      .set(auth())
      .set('Idempotency-Key', 'chat-1')
      .send({ lines: [{ at, text: 'x' }] });
    expect(chatRetry.body.id).toBe(chat.body.id);
    const transcript = await t
      .http()
      .post(`/v1/streams/${streamId}/transcripts`)
      .set(auth())
      .send({ lines: [{ at, text: '欢迎大家来到直播间' }] });
    expect(transcript.body.kind).toBe('transcript');
    const tips = await t
      .http()
      .post(`/v1/streams/${streamId}/tips`)
      .set(auth())
      .send({
        events: [{ tipperId: 'fan-1', ageBand: 'minor', amount: '52.00', currency: 'CNY', giftName: '火箭', at }],
      });
    expect(tips.status).toBe(202);
    const chatDone = await waitForTerminal(t.http, key, `/v1/text-batches/${chat.body.id}`);
    expect(chatDone.lines.map((l: { text: string }) => l.text)).toEqual(['主播好', '来了来了']);
    expect((await waitForTerminal(t.http, key, `/v1/text-batches/${transcript.body.id}`)).status).toBe('classified');
    const tipsDone = await waitForTerminal(t.http, key, `/v1/tip-batches/${tips.body.id}`);
    expect(tipsDone.events).toEqual([
      expect.objectContaining({
        position: 0,
        tipperId: 'fan-1',
        ageBand: 'minor',
        amount: '52.00',
        currency: 'CNY',
        giftName: '火箭',
        at,
      }),
    ]);
    // What the tip rules found: a minor's tip, and the flag it opened.
    expect(tipsDone.events[0].rules.map((r: { rule: string }) => r.rule)).toContain('minor_tipper');
    expect(tipsDone.events[0].flags.map((f: { category: string }) => f.category)).toEqual(['tipping']);
  });

  it('counts what it ingested in /metrics and describes the API at /docs', async () => {
    const metrics = await t.http().get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/qinglang_items_ingested_total\{kind="segment"\} [1-9]/);
    expect(metrics.text).toMatch(/qinglang_frames_total\{outcome="classified"\} [1-9]/);
    expect(metrics.text).toContain('qinglang_classification_seconds_bucket');
    expect(metrics.text).toMatch(/qinglang_jobs\{queue="media",state="completed"\} [1-9]/);
    const docs = await t.http().get('/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/streams',
        '/v1/streams/{streamId}/segments',
        '/v1/posts',
        '/v1/streams/{streamId}/tips',
      ]),
    );
  });
});
