import { join } from 'node:path';
import { FIXTURES, useEmbeddedApp, waitForTerminal } from '../helpers/test-app';

/**
 * A still picture is classified once and then recorded as a near-duplicate, but never for longer than
 * MAX_UNCLASSIFIED_GAP_SECONDS (30 s): a stream always gets a fresh look at least that often.
 */
describe('near-duplicate frames across segments of one stream', () => {
  const fixture = useEmbeddedApp();

  it('classifies a still stream at 0 s and again at 30 s, and skips the frames between', async () => {
    const t = fixture.app;
    const { apiKey } = await t.createPlatform();
    const auth = { Authorization: `Bearer ${apiKey}` };
    const stream = await t
      .http()
      .post('/v1/streams')
      .set(auth)
      .send({ externalId: 'still', streamerId: 'still-streamer' });
    const frames: Array<{ streamTimeMs: number; status: string; duplicateOf: string | null; id: string }> = [];
    // The FLV fixture is 4 s of one still test card; five segments of it, 10 s apart, in order.
    for (const offset of [0, 10_000, 20_000, 30_000, 40_000]) {
      const upload = await t
        .http()
        .post(`/v1/streams/${stream.body.id}/segments`)
        .set(auth)
        .field('startOffsetMs', String(offset))
        .attach('file', join(FIXTURES, 'segment-flv.flv'));
      frames.push(...(await waitForTerminal(t.http, apiKey, `/v1/segments/${upload.body.id}`)).results.frames);
    }
    expect(frames.map((f) => f.streamTimeMs)).toEqual([
      0, 2000, 10000, 12000, 20000, 22000, 30000, 32000, 40000, 42000,
    ]);
    const classified = frames.filter((f) => f.status === 'classified');
    expect(classified.map((f) => f.streamTimeMs)).toEqual([0, 30000]);
    for (const frame of frames.filter((f) => f.status !== 'classified')) {
      expect(frame.status).toBe('near_duplicate');
      expect(frame.duplicateOf).toBe(frame.streamTimeMs < 30000 ? classified[0].id : classified[1].id);
    }
  });
});
