import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateFfmpeg } from './ffmpeg-locator';
import { FrameSampler, InvalidMediaError } from './frame-sampler';

const HOURS = 4;
const DURATION_S = HOURS * 3600;

/**
 * Frame times used to be parsed from ffmpeg's showinfo log, which the runner keeps only 4 MiB of: about 350 bytes
 * a frame, so the log of any run past ~12,000 frames was cut and the frames after it silently dropped. For the
 * 4-hour video below, sampled every second, that log measured 5.06 MB: its last 40 minutes were never sampled.
 */
describe('FrameSampler covers a long video to its end', () => {
  const ffmpeg = locateFfmpeg(process.env.FFMPEG_PATH);
  const sampler = new FrameSampler({ ffmpegPath: ffmpeg.path, timeoutMs: 120_000 });
  let dir: string;
  let long: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qinglang-coverage-'));
    long = join(dir, 'long.ts');
    // 1 fps at 64x36, every frame a keyframe: hours of video in a few seconds of encoding.
    execFileSync(ffmpeg.path, [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi'],
      ...['-i', `testsrc=size=64x36:rate=1:duration=${DURATION_S}`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '1', '-pix_fmt', 'yuv420p', '-f', 'mpegts', long],
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`samples all ${DURATION_S} seconds of a ${HOURS}-hour video, the last frame within an interval of its end`, async () => {
    const result = await sampler.sampleVideo(long, 'mpegts', 1, join(dir, 'frames'), {
      maxDurationSeconds: DURATION_S,
    });
    expect(result.durationMs).toBe(DURATION_S * 1000);
    expect(result.frames).toHaveLength(Math.ceil(DURATION_S / 1));
    expect(result.frames.length).toBeGreaterThan(12_000);
    expect(result.frames.at(-1)?.positionMs).toBeGreaterThanOrEqual((DURATION_S - 2) * 1000);
    // Every time is the frame's own: one a second, in order, none missing or repeated.
    expect(result.frames.every((f, i) => f.positionMs === i * 1000)).toBe(true);
    expect(result.frames.at(-1)).toMatchObject({
      width: 64,
      height: 36,
      perceptualHash: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(readdirSync(join(dir, 'frames')).filter((f) => f.endsWith('.jpg'))).toHaveLength(result.frames.length);
  });

  it('refuses a video longer than the limit before decoding it, and writes no frame', async () => {
    const out = join(dir, 'too-long');
    const failure = await sampler
      .sampleVideo(long, 'mpegts', 2, out, { maxDurationSeconds: 3600 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidMediaError);
    expect(failure).toMatchObject({
      code: 'media_too_long',
      message: 'The video lasts 4:00:00, more than the 1:00:00 this service accepts; send it in shorter parts.',
    });
    expect(readdirSync(out)).toEqual([]);
  });

  it('fails an upload cut short rather than calling its first part the whole', async () => {
    // A one-minute MP4 whose index is in front, cut to 40 % in transit: the container still says one minute.
    const full = join(dir, 'full.mp4');
    execFileSync(ffmpeg.path, [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x36:rate=5:duration=60'],
      ...[
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-g',
        '10',
        '-pix_fmt',
        'yuv420p',
        '-movflags',
        '+faststart',
        full,
      ],
    ]);
    const bytes = readFileSync(full);
    const cut = join(dir, 'cut.mp4');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
    await expect(sampler.sampleVideo(full, 'mov', 2, join(dir, 'full'))).resolves.toMatchObject({ durationMs: 60_000 });
    const failure = await sampler.sampleVideo(cut, 'mov', 2, join(dir, 'cut')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidMediaError);
    expect(failure).toMatchObject({
      code: 'incomplete_coverage',
      message: expect.stringMatching(/^Frames could be sampled only up to 0:00:\d\d of 0:01:00;/),
    });
  });
});
