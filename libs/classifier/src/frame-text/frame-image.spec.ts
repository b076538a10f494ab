import * as jpeg from 'jpeg-js';
import { cropRgba, decodeFrameJpeg } from './frame-image';

describe('frame images', () => {
  it('decodes a JPEG to RGBA', () => {
    const rgba = Buffer.alloc(16 * 8 * 4, 200);
    const image = decodeFrameJpeg(jpeg.encode({ width: 16, height: 8, data: rgba }, 90).data);
    expect([image.width, image.height, image.data.length]).toEqual([16, 8, 16 * 8 * 4]);
    expect(Math.abs(image.data[0] - 200)).toBeLessThan(4);
  });

  it('crops a rectangle and clamps it to the frame', () => {
    const data = new Uint8ClampedArray(4 * 3 * 4).map((_, i) => Math.floor(i / 4));
    const { image, box } = cropRgba({ width: 4, height: 3, data }, { x: 2, y: 1, width: 10, height: 10 });
    expect(box).toEqual({ x: 2, y: 1, width: 2, height: 2 });
    // Pixel numbers (row * 4 + column) of rows 1-2, columns 2-3.
    expect([...image.data].filter((_, i) => i % 4 === 0)).toEqual([6, 7, 10, 11]);
  });
});
