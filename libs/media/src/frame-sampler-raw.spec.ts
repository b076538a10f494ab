import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jpeg from 'jpeg-js';
import { locateFfmpeg } from './ffmpeg-locator';
import { FrameSampler, rawFramePath } from './frame-sampler';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

/** With rawFrames, one ffmpeg run also writes each frame's pixels beside its JPEG, so no one decodes the JPEG. */
describe('FrameSampler raw frames', () => {
  const ffmpegPath = locateFfmpeg(process.env.FFMPEG_PATH).path;
  const dir = mkdtempSync(join(tmpdir(), 'qinglang-raw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes RGBA pixels of the evidence size for every frame, matching its JPEG', async () => {
    const sampler = new FrameSampler({ ffmpegPath, timeoutMs: 30_000, rawFrames: true });
    const out = join(dir, 'video');
    const { frames } = await sampler.sampleVideo(join(FIXTURES, 'segment-gambling-overlay.ts'), 'mpegts', 2, out);
    expect(frames.length).toBeGreaterThan(1);
    for (const frame of frames) {
      const raw = readFileSync(join(out, rawFramePath(frame.fileName)));
      expect(raw.length).toBe(frame.width * frame.height * 4);
      // The same picture as the JPEG, up to its compression: mean absolute difference of a few levels.
      const decoded = jpeg.decode(readFileSync(join(out, frame.fileName)), { useTArray: true, formatAsRGBA: true });
      let difference = 0;
      for (let i = 0; i < raw.length; i += 4) difference += Math.abs(raw[i + 1] - decoded.data[i + 1]);
      expect(difference / (raw.length / 4)).toBeLessThan(4);
    }
    expect(readdirSync(out).filter((name) => name.endsWith('.rgba'))).toHaveLength(frames.length);
  });

  it('writes them for an image too, and none when not asked', async () => {
    const withRaw = new FrameSampler({ ffmpegPath, timeoutMs: 30_000, rawFrames: true });
    const image = await withRaw.sampleImage(join(FIXTURES, 'image.png'), 'png_pipe', join(dir, 'image'));
    expect(readFileSync(join(dir, 'image', rawFramePath(image.fileName))).length).toBe(image.width * image.height * 4);
    const plain = new FrameSampler({ ffmpegPath, timeoutMs: 30_000 });
    await plain.sampleVideo(join(FIXTURES, 'segment-10s.ts'), 'mpegts', 2, join(dir, 'plain'));
    expect(readdirSync(join(dir, 'plain')).filter((name) => name.endsWith('.rgba'))).toEqual([]);
  });
});
