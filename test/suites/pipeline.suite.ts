import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { FIXTURES, TestApp, TestBackends, startTestApp, waitForTerminal } from '../helpers/test-app';

/**
 * The backbone end to end: a platform key, a stream, a 10-second segment uploaded, sampled by ffmpeg and scored
 * by NSFWJS. Runs on the embedded defaults in `npm test` and on PostgreSQL + BullMQ in `npm run test:services`.
 */
export function describePipeline(
  label: string,
  makeBackends: () => Promise<TestBackends>,
  /** More tests run after the suite's own, on the same app (a driver's own checks: where the media went). */
  more?: (app: () => TestApp) => void,
) {
  describe(`segment pipeline (${label})`, () => {
    let backends: TestBackends;
    let t: TestApp;
    let apiKey: string;
    let streamId: string;

    beforeAll(async () => {
      backends = await makeBackends();
      t = await startTestApp(backends);
      ({ apiKey } = await t.createPlatform());
      const stream = await t
        .http()
        .post('/v1/streams')
        .set('Authorization', `Bearer ${apiKey}`)
        .send({ externalId: 'room-1', streamerId: 'streamer-1', title: '测试直播' });
      expect(stream.status).toBe(201);
      streamId = stream.body.id;
    });

    afterAll(async () => {
      await t?.close();
      await backends?.cleanup();
    });

    it('takes a segment from queued to classified, with a frame every 2 s and real NSFWJS scores', async () => {
      const upload = await t
        .http()
        .post(`/v1/streams/${streamId}/segments`)
        .set('Authorization', `Bearer ${apiKey}`)
        .field('startOffsetMs', '60000')
        .attach('file', join(FIXTURES, 'segment-10s.ts'));
      expect(upload.status).toBe(202);
      expect(upload.body).toMatchObject({ id: expect.any(String), status: 'queued' });

      const done = await waitForTerminal(t.http, apiKey, `/v1/segments/${upload.body.id}`);
      expect(done.failure).toBeNull();
      expect(done.status).toBe('classified');
      expect(done.durationMs).toBe(10000);

      const frames = done.results.frames;
      expect(frames.map((f: { positionMs: number }) => f.positionMs)).toEqual([0, 2000, 4000, 6000, 8000]);
      expect(frames.map((f: { streamTimeMs: number }) => f.streamTimeMs)).toEqual([60000, 62000, 64000, 66000, 68000]);
      // Scenes 3 and 4 of the fixture are one still picture: the 6 s frame repeats the 4 s frame.
      expect(frames.map((f: { status: string }) => f.status)).toEqual([
        'classified',
        'classified',
        'classified',
        'near_duplicate',
        'classified',
      ]);
      expect(frames[3].duplicateOf).toBe(frames[2].id);
      for (const frame of frames.filter((f: { status: string }) => f.status === 'classified')) {
        expect(frame.model).toEqual({
          name: 'nsfwjs-mobilenet-v2',
          version: expect.stringMatching(/^nsfwjs@\d+\.\d+\.\d+\+onnx\.[0-9a-f]{12}$/),
        });
        const total = Object.values(frame.scores as Record<string, number>).reduce((a, b) => a + b, 0);
        expect(total).toBeCloseTo(1, 2);
        // Test patterns are not pornographic: the model must say so.
        expect(frame.scores.porn + frame.scores.hentai + frame.scores.sexy).toBeLessThan(0.2);
      }
      // The scores differ from frame to frame: they come from the model, not a constant.
      expect(
        new Set(
          frames
            .filter((f: { scores: unknown }) => f.scores)
            .map((f: { scores: { neutral: number } }) => f.scores.neutral),
        ).size,
      ).toBe(4);

      const image = await t.http().get(frames[0].imageUrl).set('Authorization', `Bearer ${apiKey}`);
      expect(image.status).toBe(200);
      expect(image.headers['content-type']).toBe('image/jpeg');
      expect((image.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    });

    it('never stores a frame or a score twice', async () => {
      const dataSource = t.app.get(DataSource);
      const frames = await dataSource.query(
        'SELECT source_id, position_ms, COUNT(*) AS n FROM frames GROUP BY source_id, position_ms HAVING COUNT(*) > 1',
      );
      const signals = await dataSource.query(
        'SELECT source_id, COUNT(*) AS n FROM signals GROUP BY source_id, model HAVING COUNT(*) > 1',
      );
      expect(frames).toEqual([]);
      expect(signals).toEqual([]);
    });

    it('samples an FLV segment and an MP4 whose keyframes are too sparse for keyframe-only sampling', async () => {
      for (const [file, positions] of [
        ['segment-flv.flv', [0, 2000]],
        ['segment-sparse-keyframes.mp4', [0, 2000, 4000]],
      ] as const) {
        const upload = await t
          .http()
          .post(`/v1/streams/${streamId}/segments`)
          .set('Authorization', `Bearer ${apiKey}`)
          .attach('file', readFileSync(join(FIXTURES, file)), file);
        expect(upload.status).toBe(202);
        const done = await waitForTerminal(t.http, apiKey, `/v1/segments/${upload.body.id}`);
        expect(done.status).toBe('classified');
        expect(done.results.frames.map((f: { positionMs: number }) => f.positionMs)).toEqual(positions);
      }
    });

    more?.(() => t);
  });
}
