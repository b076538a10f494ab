import * as jpeg from 'jpeg-js';

/** A rectangle in frame pixels. */
export interface FrameBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Decoded pixels, four bytes (RGBA) a pixel, rows top to bottom. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

// Sampled frames are at most ~1 MP; the limits stop a hostile JPEG header from asking for gigabytes.
const MAX_MEGAPIXELS = 40;
const MAX_MEMORY_MB = 512;

export function decodeFrameJpeg(bytes: Buffer): RgbaImage {
  const image = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: MAX_MEGAPIXELS,
    maxMemoryUsageInMB: MAX_MEMORY_MB,
  });
  return {
    width: image.width,
    height: image.height,
    data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength),
  };
}

/** Copies a rectangle out of the image, clamped to its edges. */
export function cropRgba(image: RgbaImage, box: FrameBox): { image: RgbaImage; box: FrameBox } {
  const x = clamp(Math.round(box.x), 0, image.width);
  const y = clamp(Math.round(box.y), 0, image.height);
  const width = clamp(Math.round(box.width), 0, image.width - x);
  const height = clamp(Math.round(box.height), 0, image.height - y);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * image.width + x) * 4;
    data.set(image.data.subarray(from, from + width * 4), row * width * 4);
  }
  return { image: { width, height, data }, box: { x, y, width, height } };
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
