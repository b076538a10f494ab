import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FrameSampler, locateFfmpeg } from '@qinglang/media';
import * as jpeg from 'jpeg-js';
import { cropRgba, decodeFrameJpeg } from './frame-image';
import { FrameTextReader, FrameTextResult } from './frame-text-reader';
import { bundledPaddleModels } from './paddle-ocr';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures');
const BETTING_URL = 'https://bet-888-casino.example/register?ref=live';

/** OCR may put spaces between characters or mistake one; the key words are compared without spaces. */
function regionText(result: FrameTextResult, region: 'top' | 'bottom'): string {
  return (result.regions.find((r) => r.region === region)?.text ?? '').replace(/\s+/g, '');
}

/**
 * The reader on frames sampled, as the pipeline does, from the overlay fixtures (made by
 * test/fixtures/make-overlay-fixture.ts): 854x480 with a dark band of Chinese text at the top and the bottom,
 * and, in the gambling one, a QR code to a betting site above the bottom-right corner.
 */
describe('FrameTextReader on sampled frames', () => {
  const reader = new FrameTextReader();
  const dir = mkdtempSync(join(tmpdir(), 'qinglang-frame-text-'));
  const sampler = new FrameSampler({ ffmpegPath: locateFfmpeg(process.env.FFMPEG_PATH).path, timeoutMs: 30_000 });

  async function sampledFrames(fixture: string): Promise<Buffer[]> {
    const out = join(dir, fixture);
    const { frames } = await sampler.sampleVideo(join(FIXTURES, fixture), 'mpegts', 2, out);
    return frames.map((frame) => readFileSync(join(out, frame.fileName)));
  }

  beforeAll(() => reader.warmUp());
  afterAll(async () => {
    await reader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the gambling overlay', () => {
    let frames: Buffer[];
    let results: FrameTextResult[];
    beforeAll(async () => {
      frames = await sampledFrames('segment-gambling-overlay.ts');
      results = [];
      for (const frame of frames) results.push(await reader.read(frame));
    });

    it('samples three frames', () => expect(frames).toHaveLength(3));

    it('decodes the QR code in every frame, with its URL, host and place', () => {
      for (const result of results) {
        expect(result.qrCodes).toHaveLength(1);
        const [code] = result.qrCodes;
        expect(code).toMatchObject({ data: BETTING_URL, url: BETTING_URL, host: 'bet-888-casino.example' });
        // Drawn 132 px wide at x = 854 - 16 - 132, y = 480 - 64 - 12 - 132; the box is the code inside its margin.
        expect(code.box.x).toBeGreaterThan(700);
        expect(code.box.x + code.box.width).toBeLessThan(840);
        expect(code.box.y).toBeGreaterThan(270);
        expect(code.box.y + code.box.height).toBeLessThan(410);
      }
    });

    it('reads the promotion in the top band and the contact in the bottom band', () => {
      for (const result of results) {
        expect(result.ocr).toBe(true);
        expect(regionText(result, 'top')).toMatch(/百家乐|澳门/);
        expect(regionText(result, 'top')).toContain('888');
        expect(regionText(result, 'bottom')).toContain('微信');
        expect(regionText(result, 'bottom')).toMatch(/bjl8888/i);
      }
    });

    it('places the text where it is in the frame', () => {
      for (const result of results) {
        const top = result.regions.find((r) => r.region === 'top')!;
        const bottom = result.regions.find((r) => r.region === 'bottom')!;
        // The bands are 64 px high; the caption starts 24 px from the left.
        expect(top.box.y).toBeGreaterThanOrEqual(0);
        expect(top.box.y + top.box.height).toBeLessThanOrEqual(64);
        expect(bottom.box.y).toBeGreaterThanOrEqual(480 - 64);
        expect(bottom.box.y + bottom.box.height).toBeLessThanOrEqual(480);
        expect(bottom.box.x).toBeGreaterThanOrEqual(16);
        expect(bottom.box.x).toBeLessThanOrEqual(32);
        expect(top.confidence).toBeGreaterThan(50);
        expect(bottom.lines.every((line) => line.confidence >= 50)).toBe(true);
      }
    });

    it('still finds the QR code with OCR off, and reports no text', async () => {
      const result = await reader.read(frames[0], { ocr: false });
      expect(result.ocr).toBe(false);
      expect(result.regions).toEqual([]);
      expect(result.qrCodes.map((code) => code.host)).toEqual(['bet-888-casino.example']);
      expect(result.timings.full).toBeUndefined();
    });
  });

  describe('the benign overlay', () => {
    let results: FrameTextResult[];
    beforeAll(async () => {
      results = [];
      for (const frame of await sampledFrames('segment-benign-overlay.ts')) results.push(await reader.read(frame));
    });

    it('has no QR code', () => {
      expect(results).toHaveLength(3);
      for (const result of results) expect(result.qrCodes).toEqual([]);
    });

    it('reads the cooking caption and nothing about gambling', () => {
      for (const result of results) {
        expect(regionText(result, 'bottom')).toMatch(/红烧肉|今晚/);
        expect(regionText(result, 'top')).toMatch(/美食|直播/);
        const all = result.regions.map((r) => r.text).join('');
        expect(all).not.toMatch(/百家乐|澳门|微信/);
      }
    });
  });

  describe('a caption moved to the middle of the frame and turned yellow on dark', () => {
    let frame: Buffer;
    beforeAll(async () => {
      // The gambling overlay's top band, pasted at mid-height with its white text turned yellow: where band reading
      // never looks, in the colours Tesseract missed a line in.
      const [sampled] = await sampledFrames('segment-gambling-overlay.ts');
      const image = decodeFrameJpeg(sampled);
      const band = cropRgba(image, { x: 0, y: 0, width: image.width, height: 64 }).image;
      for (let p = 0; p < band.data.length; p += 4) band.data[p + 2] = Math.min(band.data[p + 2], 40);
      for (let row = 0; row < 64; row++) {
        image.data.set(
          band.data.subarray(row * band.width * 4, (row + 1) * band.width * 4),
          (200 + row) * image.width * 4,
        );
      }
      frame = Buffer.from(jpeg.encode({ ...image, data: Buffer.from(image.data.buffer) }, 90).data);
    });

    it('is read by PP-OCR over the whole frame, filed under "full" with its place', async () => {
      const result = await reader.read(frame, { qr: false });
      const middle = result.regions.find((r) => r.region === 'full');
      expect(middle?.text.replace(/\s+/g, '')).toMatch(/百家乐/);
      expect(middle?.box.y).toBeGreaterThanOrEqual(200);
      expect((middle?.box.y ?? 0) + (middle?.box.height ?? 0)).toBeLessThanOrEqual(264);
      expect(regionText(result, 'top')).toMatch(/百家乐/);
    });
  });

  it('rejects the read, without ending the process, when OCR cannot start; QR search needs no model', async () => {
    const broken = new FrameTextReader({
      paddle: { models: { ...bundledPaddleModels(), recognitionPath: join(dir, 'no-model-here.onnx') } },
    });
    const [frame] = await sampledFrames('segment-gambling-overlay.ts');
    await expect(broken.read(frame)).rejects.toThrow('no-model-here.onnx');
    await expect(broken.read(frame, { ocr: false })).resolves.toMatchObject({
      qrCodes: [{ host: 'bet-888-casino.example' }],
    });
    await broken.close();
  });

  describe('with the tesseract engine', () => {
    it('still reads the bands', async () => {
      const tesseract = new FrameTextReader({ engine: 'tesseract' });
      try {
        const [frame] = await sampledFrames('segment-gambling-overlay.ts');
        const result = await tesseract.read(frame, { qr: false });
        expect(regionText(result, 'bottom')).toContain('微信');
        expect(result.timings.top).toBeGreaterThan(0);
      } finally {
        await tesseract.close();
      }
    });

    it('rejects the read when its model cannot be found', async () => {
      const broken = new FrameTextReader({ engine: 'tesseract', langPath: join(dir, 'no-model-here') });
      const [frame] = await sampledFrames('segment-gambling-overlay.ts');
      await expect(broken.read(frame)).rejects.toThrow('chi_sim.traineddata.gz');
      await broken.close();
    });
  });

  it('reads everything from disk and writes no model cache into the working directory', () => {
    expect(existsSync(join(process.cwd(), 'chi_sim.traineddata'))).toBe(false);
  });
});
