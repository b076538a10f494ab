import { HASH_INPUT_SIZE, hammingDistance, perceptualHash } from './perceptual-hash';

const size = HASH_INPUT_SIZE;
function picture(pixel: (x: number, y: number) => number): Uint8Array {
  const data = new Uint8Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) data[y * size + x] = Math.max(0, Math.min(255, Math.round(pixel(x, y))));
  return data;
}

describe('perceptualHash', () => {
  // A smooth but structured picture: synthetic gradients alone leave most coefficients at exactly zero.
  const scene = (x: number, y: number) => 100 + 50 * Math.sin(x / 3) + 40 * Math.cos(y / 4) + (x * y) / 20;
  const gradient = picture(scene);
  // The hash input is ffmpeg's area-averaged 32x32 copy of a frame, so sensor noise arrives divided ~30x: ±1 here is heavy.
  it('is stable under brightness changes and light noise', () => {
    const brighter = picture((x, y) => scene(x, y) + 20);
    const noisy = picture((x, y) => scene(x, y) + (((x * 7 + y * 13) % 3) - 1));
    expect(hammingDistance(perceptualHash(gradient), perceptualHash(brighter))).toBeLessThanOrEqual(2);
    expect(hammingDistance(perceptualHash(gradient), perceptualHash(noisy))).toBeLessThanOrEqual(6);
  });
  it('tells different pictures apart', () => {
    const checker = picture((x, y) => (((x >> 2) + (y >> 2)) % 2 ? 230 : 20));
    const vertical = picture((_x, y) => y * 8);
    expect(hammingDistance(perceptualHash(gradient), perceptualHash(checker))).toBeGreaterThan(12);
    expect(hammingDistance(perceptualHash(gradient), perceptualHash(vertical))).toBeGreaterThan(12);
  });
  it('refuses input of the wrong size', () => {
    expect(() => perceptualHash(new Uint8Array(10))).toThrow(/1024 grey bytes/);
  });
});
