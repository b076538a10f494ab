import { changedArea, coarseFrame, growOver } from './changed-area';
import type { RgbaImage } from './frame-image';
import type { FrameTextReader, FrameTextResult, ReadOptions } from './frame-text-reader';
import { IncrementalFrameText } from './incremental-frame-text';

const WIDTH = 320;
const HEIGHT = 180;

/** A grey picture with optional white rectangles (captions) on it. */
function picture(boxes: Array<{ x: number; y: number; width: number; height: number }> = [], grey = 60): RgbaImage {
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4).fill(grey);
  for (const box of boxes)
    for (let y = box.y; y < box.y + box.height; y++)
      for (let x = box.x; x < box.x + box.width; x++) data.fill(255, (y * WIDTH + x) * 4, (y * WIDTH + x) * 4 + 3);
  return { width: WIDTH, height: HEIGHT, data };
}

describe('changedArea', () => {
  it('is null for the same picture, and for noise under the cell threshold', () => {
    const a = coarseFrame(picture());
    expect(changedArea(a, coarseFrame(picture()))).toBeNull();
    expect(changedArea(a, coarseFrame(picture([], 63)))).toBeNull();
  });

  it('covers a caption that appeared, grown by a cell', () => {
    const area = changedArea(coarseFrame(picture()), coarseFrame(picture([{ x: 100, y: 140, width: 80, height: 20 }])));
    expect(area).not.toBeNull();
    expect(area!.x).toBeLessThanOrEqual(100);
    expect(area!.y).toBeLessThanOrEqual(140);
    expect(area!.x + area!.width).toBeGreaterThanOrEqual(180);
    expect(area!.y + area!.height).toBeGreaterThanOrEqual(160);
    expect(area!.width * area!.height).toBeLessThan((WIDTH * HEIGHT) / 4);
  });

  it('is the whole frame when the sizes differ', () => {
    const other = coarseFrame({ width: 160, height: 90, data: new Uint8ClampedArray(160 * 90 * 4) });
    expect(changedArea(other, coarseFrame(picture()))).toEqual({ x: 0, y: 0, width: WIDTH, height: HEIGHT });
  });

  it('grows over boxes it touches, so a caption on its edge is read whole', () => {
    const grown = growOver({ x: 0, y: 0, width: 50, height: 50 }, [
      { x: 40, y: 10, width: 100, height: 10 },
      { x: 200, y: 100, width: 10, height: 10 },
    ]);
    expect(grown).toEqual({ x: 0, y: 0, width: 140, height: 50 });
  });
});

describe('IncrementalFrameText', () => {
  function fakeReader() {
    const calls: ReadOptions[] = [];
    const reader = {
      readImage: async (_frame: RgbaImage, options: ReadOptions): Promise<FrameTextResult> => {
        calls.push(options);
        // One caption at the top left, wherever it was asked to read.
        const box = { x: 10, y: 10, width: 60, height: 16 };
        const line = { text: `read ${calls.length}`, confidence: 90, box };
        return {
          regions: options.ocr ? [{ region: 'full', text: line.text, confidence: 90, box, lines: [line] }] : [],
          qrCodes: [],
          ocr: !!options.ocr,
          ms: 1,
          timings: {},
        };
      },
    };
    return { reader: reader as unknown as FrameTextReader, calls };
  }

  it('reads the first frame whole, reuses an unchanged one, and reads only the part that changed', async () => {
    const { reader, calls } = fakeReader();
    const incremental = new IncrementalFrameText(reader);
    const first = await incremental.read('s1', picture(), { ocr: true, qr: false });
    expect(first.reuse.ocr).toBe('none');
    expect(calls[0].within).toBeUndefined();

    const same = await incremental.read('s1', picture(), { ocr: true, qr: false });
    expect(same.reuse.ocr).toBe('all');
    expect(same.regions[0].text).toBe('read 1');
    expect(calls).toHaveLength(1);

    const caption = await incremental.read('s1', picture([{ x: 100, y: 140, width: 80, height: 20 }]), {
      ocr: true,
      qr: false,
    });
    expect(caption.reuse.ocr).toBe('partial');
    expect(calls).toHaveLength(2);
    expect(calls[1].within!.area.width).toBeLessThan(WIDTH);
  });

  it('reads the whole frame when most of it changed, and keeps streams apart', async () => {
    const { reader, calls } = fakeReader();
    const incremental = new IncrementalFrameText(reader);
    await incremental.read('s1', picture(), { ocr: true, qr: false });
    const other = await incremental.read('s2', picture(), { ocr: true, qr: false });
    expect(other.reuse.ocr).toBe('none');
    const changed = await incremental.read('s1', picture([], 200), { ocr: true, qr: false });
    expect(changed.reuse.ocr).toBe('none');
    expect(calls.filter((c) => c.within)).toHaveLength(0);
  });
});
