import { join } from 'node:path';
import { FIXTURES, TestApp, TestBackends, embeddedBackends, startTestApp, waitForTerminal } from '../helpers/test-app';

/** Bad input gets a 4xx with a stable code, never a 500, and nothing half-written. */
describe('ingest API: authentication, isolation and bad input', () => {
  let backends: TestBackends;
  let t: TestApp;
  let key: string;
  let otherKey: string;
  let streamId: string;
  const auth = (k: string) => ({ Authorization: `Bearer ${k}` });

  beforeAll(async () => {
    backends = await embeddedBackends();
    t = await startTestApp(backends, { MAX_UPLOAD_BYTES: String(200 * 1024) });
    key = (await t.createPlatform('alpha')).apiKey;
    otherKey = (await t.createPlatform('beta')).apiKey;
    streamId = (await t.http().post('/v1/streams').set(auth(key)).send({ externalId: 's1', streamerId: 'u1' })).body.id;
  });

  afterAll(async () => {
    await t?.close();
    await backends?.cleanup();
  });

  it('refuses a missing, malformed or wrong key', async () => {
    const none = await t.http().get(`/v1/streams/${streamId}`);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({
      code: 'missing_api_key',
      message: expect.any(String),
      correlationId: expect.any(String),
    });
    expect((await t.http().get(`/v1/streams/${streamId}`).set('Authorization', key)).body.code).toBe(
      'malformed_authorization',
    );
    const wrong = await t.http().get(`/v1/streams/${streamId}`).set(auth('ql_not-a-real-key'));
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_api_key');
  });

  it("answers 404 for another platform's stream and segment, as for a missing one", async () => {
    for (const request of [
      t.http().get(`/v1/streams/${streamId}`),
      t.http().patch(`/v1/streams/${streamId}`).send({ title: 'x' }),
      t
        .http()
        .post(`/v1/streams/${streamId}/chat`)
        .send({ lines: [{ at: new Date().toISOString(), text: 'hi' }] }),
      t.http().post(`/v1/streams/${streamId}/segments`).attach('file', join(FIXTURES, 'segment-flv.flv')),
    ]) {
      const response = await request.set(auth(otherKey));
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('stream_not_found');
    }
    const segment = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth(key))
      .attach('file', join(FIXTURES, 'segment-flv.flv'));
    expect(segment.status).toBe(202);
    const foreign = await t.http().get(`/v1/segments/${segment.body.id}`).set(auth(otherKey));
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('segment_not_found');
  });

  it('refuses an empty upload, an oversize upload (413) and a file type that is not a segment', async () => {
    const empty = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth(key))
      .attach('file', Buffer.alloc(0), 'empty.ts');
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('empty_upload');
    const big = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth(key))
      .attach('file', join(FIXTURES, 'segment-10s.ts'));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    const text = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth(key))
      .attach('file', Buffer.from('hello'), 'notes.txt');
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('unsupported_media_type');
    const nothing = await t.http().post(`/v1/streams/${streamId}/segments`).set(auth(key)).send({ startOffsetMs: 0 });
    expect(nothing.status).toBe(400);
    expect(nothing.body.code).toBe('media_required');
  });

  it('refuses unknown fields and a negative or zero tip amount', async () => {
    const unknown = await t
      .http()
      .post('/v1/streams')
      .set(auth(key))
      .send({ externalId: 's2', streamerId: 'u2', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('validation_failed');
    expect(unknown.body.message).toContain('colour');
    const tip = { tipperId: 't1', ageBand: 'adult', currency: 'CNY', at: new Date().toISOString() };
    for (const amount of ['-5.00', '0', -5]) {
      const response = await t
        .http()
        .post(`/v1/streams/${streamId}/tips`)
        .set(auth(key))
        .send({ events: [{ ...tip, amount }] });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.message).toContain('amount');
    }
    const badBand = await t
      .http()
      .post(`/v1/streams/${streamId}/tips`)
      .set(auth(key))
      .send({ events: [{ ...tip, amount: '1', ageBand: 'child' }] });
    expect(badBand.status).toBe(400);
  });

  it('refuses HLS playlists and concat lists outright', async () => {
    const playlists = {
      'playlist.ts': '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n',
      'list.mp4': "ffconcat version 1.0\nfile '/etc/passwd'\n",
      'bare-concat.flv': "file '/var/lib/secret.ts'\n",
    };
    for (const [name, body] of Object.entries(playlists)) {
      const response = await t
        .http()
        .post(`/v1/streams/${streamId}/segments`)
        .set(auth(key))
        .attach('file', Buffer.from(body), name);
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('playlist_not_allowed');
    }
  });

  it('accepts a text file named .mp4, then fails it with a reason', async () => {
    const upload = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth(key))
      .attach('file', Buffer.from('this is not a video at all\n'.repeat(20)), 'clip.mp4');
    expect(upload.status).toBe(202);
    const done = await waitForTerminal(t.http, key, `/v1/segments/${upload.body.id}`);
    expect(done.status).toBe('failed');
    expect(done.failure).toEqual({
      code: 'unsupported_format',
      reason: expect.stringContaining('not an MPEG-TS, MP4 or FLV'),
    });
  });

  it('fails a file whose header claims MPEG-TS but whose content is garbage', async () => {
    const fake = Buffer.alloc(188 * 20, 0);
    for (let i = 0; i < fake.length; i += 188) fake[i] = 0x47;
    const upload = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth(key))
      .attach('file', fake, 'garbage.ts');
    expect(upload.status).toBe(202);
    const done = await waitForTerminal(t.http, key, `/v1/segments/${upload.body.id}`);
    expect(done.status).toBe('failed');
    expect(['invalid_media', 'no_video_stream']).toContain(done.failure.code);
  });

  it('answers malformed JSON and unknown routes with codes', async () => {
    const json = await t
      .http()
      .post('/v1/streams')
      .set(auth(key))
      .set('Content-Type', 'application/json')
      .send('{"externalId": ');
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('invalid_json');
    const route = await t.http().get('/v1/nothing-here').set(auth(key));
    expect(route.status).toBe(404);
    expect(route.body.code).toBe('not_found');
  });
});
