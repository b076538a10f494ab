import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sniffVideoContainer } from '@qinglang/storage';
import { locateFfmpeg } from './ffmpeg-locator';
import { FrameSampler, InvalidMediaError } from './frame-sampler';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

/**
 * The attack: a "segment" that is really a playlist or concat list naming a file on the server. ffmpeg left to
 * itself follows it and turns the server's file into frames. The sampler must not.
 */
describe('FrameSampler against playlists that point at local files', () => {
  const ffmpeg = locateFfmpeg(process.env.FFMPEG_PATH);
  let dir: string;
  let secret: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qinglang-ffmpeg-'));
    secret = join(dir, 'secret-recording.ts');
    copyFileSync(join(FIXTURES, 'segment-10s.ts'), secret);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const attacks = () => ({
    'hls.ts': `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n${secret}\n#EXT-X-ENDLIST\n`,
    'concat.mp4': `ffconcat version 1.0\nfile '${secret}'\n`,
  });

  it('is a real threat: ffmpeg with its defaults reads the local file through them', () => {
    const out = join(dir, 'unsafe');
    execFileSync('mkdir', ['-p', out]);
    writeFileSync(join(dir, 'hls.m3u8'), attacks()['hls.ts']);
    execFileSync(ffmpeg.path, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      join(dir, 'hls.m3u8'),
      '-frames:v',
      '1',
      join(out, 'leak.jpg'),
    ]);
    expect(readdirSync(out)).toEqual(['leak.jpg']);
  });

  for (const [name, forced] of [
    ['hls.ts', 'mpegts'],
    ['concat.mp4', 'mov'],
  ] as const) {
    it(`refuses ${name} whatever demuxer the name suggests, and writes no frame`, async () => {
      const path = join(dir, name);
      writeFileSync(path, attacks()[name]);
      expect(sniffVideoContainer(Buffer.from(attacks()[name]))).toBeUndefined();
      const out = join(dir, `out-${name}`);
      const sampler = new FrameSampler({ ffmpegPath: ffmpeg.path, timeoutMs: 30_000 });
      // Even forced past the content check, the fixed demuxer and the protocol whitelist hold.
      await expect(sampler.sampleVideo(path, forced, 2, out)).rejects.toBeInstanceOf(InvalidMediaError);
      expect(readdirSync(out).filter((f) => f.endsWith('.jpg'))).toEqual([]);
    });
  }

  it('still samples the real file it was protecting', async () => {
    const sampler = new FrameSampler({ ffmpegPath: ffmpeg.path, timeoutMs: 30_000 });
    const result = await sampler.sampleVideo(secret, 'mpegts', 2, join(dir, 'real'));
    expect(result.frames.map((f) => f.positionMs)).toEqual([0, 2000, 4000, 6000, 8000]);
    expect(result.keyframesOnly).toBe(true);
  });

  it('kills ffmpeg at the time limit', async () => {
    const sampler = new FrameSampler({ ffmpegPath: ffmpeg.path, timeoutMs: 1 });
    await expect(sampler.sampleVideo(secret, 'mpegts', 2, join(dir, 'slow'))).rejects.toThrow(/time limit/);
  });
});
