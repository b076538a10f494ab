import { join } from 'node:path';
import { FIXTURES, TestApp, useEmbeddedApp, waitForTerminal } from '../helpers/test-app';

/** A stream with a burnt-in gambling overlay (Chinese text and a QR code to a betting site) ends with a flag. */
describe('on-screen text and QR codes in segments', () => {
  const fixture = useEmbeddedApp();
  let t: TestApp;
  let key: string;
  const auth = () => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    t = fixture.app;
    key = (await t.createPlatform()).apiKey;
  });

  async function upload(file: string, externalId: string) {
    const streamId = (
      await t
        .http()
        .post('/v1/streams')
        .set(auth())
        .send({ externalId, streamerId: `${externalId}-host` })
    ).body.id;
    const response = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth())
      .field('startOffsetMs', '30000')
      .attach('file', join(FIXTURES, file));
    expect(response.status).toBe(202);
    const done = await waitForTerminal(t.http, key, `/v1/segments/${response.body.id}`);
    expect(done.status).toBe('classified');
    return { streamId, flags: (await t.http().get(`/v1/flags?subjectId=${streamId}`).set(auth())).body.flags };
  }

  it('opens a gambling flag whose evidence names the frame time, the recognised text and the QR URL', async () => {
    const { flags } = await upload('segment-gambling-overlay.ts', 'casino-room');
    expect(flags.map((f: { category: string }) => f.category)).toEqual(['gambling']);
    const flag = (await t.http().get(`/v1/flags/${flags[0].id}`).set(auth())).body;
    expect(flag.evidence.length).toBeGreaterThan(0);
    const first = flag.evidence[0];
    expect(first.source.kind).toBe('frame_text');
    expect(first.streamTimeMs).toBeGreaterThanOrEqual(30000);
    expect(first.detail.imageUrl).toMatch(/^\/v1\/frames\/.+\/image$/);
    const text = flag.evidence.map((e: { detail: { text: string } }) => e.detail.text.replace(/\s+/g, '')).join('\n');
    expect(text).toMatch(/百家乐|澳门/);
    expect(text).toContain('微信');
    const hosts = flag.evidence.flatMap((e: { detail: { qrCodes: Array<{ host: string }> } }) =>
      e.detail.qrCodes.map((q) => q.host),
    );
    expect(hosts).toContain('bet-888-casino.example');
    expect(flag.modelVersions.join(' ')).toContain('qinglang-text@');
  });

  it('raises nothing for a harmless caption', async () => {
    const { flags } = await upload('segment-benign-overlay.ts', 'cooking-room');
    expect(flags).toEqual([]);
  });
});
