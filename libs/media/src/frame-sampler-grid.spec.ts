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

  it('puts the due time on the next multiple of the interval in stream time', () => {
    expect(dueOffsetMs(0, 5000)).toBe(0);
    expect(dueOffsetMs(12_000, 5000)).toBe(3000);
    expect(dueOffsetMs(15_000, 5000)).toBe(0);
    expect(dueOffsetMs(14_500, 5000)).toBe(500);
  });
});
