import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateFfmpeg } from './ffmpeg-locator';
import { FrameSampler } from './frame-sampler';
import { dueOffsetMs } from './segment-sample.processor';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

/** A pulled piece's frames fall on its stream's interval grid: the first at the due time, then one per interval. */
describe('FrameSampler with a first due time', () => {
  const sampler = new FrameSampler({ ffmpegPath: locateFfmpeg(process.env.FFMPEG_PATH).path, timeoutMs: 30_000 });
  const dir = mkdtempSync(join(tmpdir(), 'qinglang-grid-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts at the due time and keeps the interval after it', async () => {
    const result = await sampler.sampleVideo(join(FIXTURES, 'segment-10s.ts'), 'mpegts', 4, join(dir, 'a'), {
      firstAtMs: 3000,
    });
    const positions = result.frames.map((f) => f.positionMs);
    expect(positions.length).toBeGreaterThanOrEqual(2);
    expect(positions[0]).toBeGreaterThanOrEqual(2990);
    expect(positions[0]).toBeLessThan(3000 + 4000 * 1.5);
    for (let i = 1; i < positions.length; i++) expect(positions[i] - positions[i - 1]).toBeGreaterThanOrEqual(3990);
  });

  it('decodes nothing when the piece ends before the due time', async () => {
    const result = await sampler.sampleVideo(join(FIXTURES, 'segment-10s.ts'), 'mpegts', 30, join(dir, 'b'), {
      firstAtMs: 20_000,
    });
    expect(result.frames).toEqual([]);
  });

  it('samples a piece of known length in one run, as with the probe', async () => {
    const fixture = join(FIXTURES, 'segment-10s.ts');
    const probed = await sampler.sampleVideo(fixture, 'mpegts', 4, join(dir, 'c'), { firstAtMs: 3000 });
    const known = await sampler.sampleVideo(fixture, 'mpegts', 4, join(dir, 'd'), {
      firstAtMs: 3000,
      expectedDurationMs: 10_000,
    });
    expect(known.frames.map((f) => f.positionMs)).toEqual(probed.frames.map((f) => f.positionMs));
    expect(known.durationMs).toBe(probed.durationMs);
    const none = await sampler.sampleVideo(fixture, 'mpegts', 30, join(dir, 'e'), {
      firstAtMs: 20_000,
      expectedDurationMs: 10_000,
    });
    expect(none.frames).toEqual([]);
  });

  it('refuses a piece longer than allowed from the log of its one run, as the probe would', async () => {
    await expect(
      sampler.sampleVideo(join(FIXTURES, 'segment-10s.ts'), 'mpegts', 2, join(dir, 'f'), {
        maxDurationSeconds: 5,
        expectedDurationMs: 2000,
      }),
    ).rejects.toMatchObject({ code: 'media_too_long' });
  });

  it('puts the due time on the next multiple of the interval in stream time', () => {
    expect(dueOffsetMs(0, 5000)).toBe(0);
    expect(dueOffsetMs(12_000, 5000)).toBe(3000);
    expect(dueOffsetMs(15_000, 5000)).toBe(0);
    expect(dueOffsetMs(14_500, 5000)).toBe(500);
  });
});
