import type { RgbaImage } from './frame-image';
import { encodePgm, otsuThreshold, prepareForOcr, resizeGrey, toGrey } from './ocr-preprocessor';

/** A band of `ground` with a `stroke` bar across its middle third, like a line of text on an overlay box. */
function band(ground: [number, number, number], stroke: [number, number, number]): RgbaImage {
  const width = 60;
  const height = 30;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = y >= 10 && y < 20 && x >= 10 && x < 50 ? stroke : ground;
      data.set([...colour, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** The PGM's pixels, after its three header lines. */
function pgmPixels(pgm: Buffer): { width: number; height: number; pixels: Buffer } {
  const [magic, size, max] = pgm.subarray(0, 20).toString('latin1').split('\n');
  expect([magic, max]).toEqual(['P5', '255']);
  const [width, height] = size.split(' ').map(Number);
  return { width, height, pixels: pgm.subarray(pgm.length - width * height) };
}

describe('OCR preprocessing', () => {
  it('turns light text on a dark box into dark text on white, enlarged', () => {
    const prepared = prepareForOcr(band([30, 20, 40], [250, 250, 250]), 2);
    expect(prepared.inverted).toBe(true);
    const { width, height, pixels } = pgmPixels(prepared.pgm);
    expect([width, height]).toEqual([120, 60]);
    expect(pixels[30 * width + 60]).toBeLessThan(20); // in the stroke
    expect(pixels[5 * width + 5]).toBeGreaterThan(235); // on the ground
  });

  it('leaves dark text on a light ground as it is, with its contrast stretched', () => {
    const prepared = prepareForOcr(band([180, 180, 170], [90, 90, 90]), 1);
    expect(prepared.inverted).toBe(false);
    const { width, pixels } = pgmPixels(prepared.pgm);
    expect(pixels[15 * width + 30]).toBeLessThan(20);
    expect(pixels[2 * width + 2]).toBeGreaterThan(235);
  });

  it('weighs green most in grey, as the eye does', () => {
    const grey = toGrey({
      width: 3,
      height: 1,
      data: new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]),
    });
    expect(grey.data[1]).toBeGreaterThan(grey.data[0]);
    expect(grey.data[0]).toBeGreaterThan(grey.data[2]);
  });

  it('resizes smoothly, keeping flat areas flat', () => {
    const resized = resizeGrey({ width: 2, height: 1, data: new Uint8Array([0, 200]) }, 2);
    expect([resized.width, resized.height]).toEqual([4, 2]);
    expect([...resized.data.subarray(0, 4)]).toEqual([0, 50, 150, 200]);
  });

  it('splits a two-level picture between its levels', () => {
    const data = new Uint8Array(100).fill(40);
    data.fill(210, 70);
    const threshold = otsuThreshold({ width: 10, height: 10, data });
    expect(threshold).toBeGreaterThanOrEqual(40);
    expect(threshold).toBeLessThan(210);
  });

  it('writes a binary PGM header', () => {
    const pgm = encodePgm({ width: 2, height: 1, data: new Uint8Array([7, 9]) });
    expect(pgm.toString('latin1')).toBe('P5\n2 1\n255\n\x07\x09');
  });
});
