import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FrameSampler, locateFfmpeg } from '@qinglang/media';
import { RgbaImage, decodeFrameJpeg } from './frame-image';
import { PaddleOcr } from './paddle-ocr';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures');

/** PP-OCR on this thread, on frames sampled from the overlay fixtures: what it reads and what it reads again. */
describe('PaddleOcr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qinglang-paddle-'));
  const ocr = new PaddleOcr();
  let gambling: RgbaImage[];
  let benign: RgbaImage[];

  beforeAll(async () => {
    const sampler = new FrameSampler({ ffmpegPath: locateFfmpeg(process.env.FFMPEG_PATH).path, timeoutMs: 30_000 });
    const sample = async (fixture: string) => {
      const { frames } = await sampler.sampleVideo(join(FIXTURES, fixture), 'mpegts', 2, join(dir, fixture));
      return frames.map((frame) => decodeFrameJpeg(readFileSync(join(dir, fixture, frame.fileName))));
    };
    [gambling, benign] = [await sample('segment-gambling-overlay.ts'), await sample('segment-benign-overlay.ts')];
    await ocr.start();
  });

  afterAll(async () => {
    await ocr.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads both captions of the whole frame, with their boxes, top to bottom', async () => {
    const { lines, recognised } = await ocr.recognize(gambling[0]);
    expect(recognised).toBeGreaterThanOrEqual(2);
    expect(lines.map((line) => line.text.replace(/\s+/g, ''))).toEqual([
      '澳门百家乐真人荷官上线送888',
      '加微信bjl8888充值返水',
    ]);
    expect(lines[0].box.y).toBeLessThan(64);
    expect(lines[1].box.y).toBeGreaterThan(480 - 64);
    expect(lines.every((line) => line.confidence > 90)).toBe(true);
  });

  it('does not recognise again a caption that looks as it did, over a picture that moved; a new one it does', async () => {
    const again = await ocr.recognize(gambling[1]);
    expect(again.reused).toBeGreaterThanOrEqual(2);
    expect(again.lines.map((line) => line.text.replace(/\s+/g, ''))).toContain('加微信bjl8888充值返水');
    const other = await ocr.recognize(benign[0]);
    expect(other.recognised).toBeGreaterThanOrEqual(2);
    expect(other.lines.map((line) => line.text).join('')).not.toMatch(/百家乐|微信/);
  });

  it('recognises every box when reuse is off', async () => {
    const fresh = new PaddleOcr({ reusedLines: 0 });
    try {
      await fresh.recognize(gambling[0]);
      const second = await fresh.recognize(gambling[0]);
      expect(second.reused).toBe(0);
      expect(second.recognised).toBeGreaterThanOrEqual(2);
    } finally {
      await fresh.close();
    }
  });
});
