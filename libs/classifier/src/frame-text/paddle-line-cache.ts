import { FrameBox, RgbaImage, clamp } from './frame-image';
import type { DecodedText } from './paddle-ctc-decoder';

const THUMBNAIL_HEIGHT = 16;
const MAX_THUMBNAIL_WIDTH = 256;
// Crops are compared one square block (about one character) at a time, and every block must match: a counter
// whose one digit changes must be read again. Measured on the fixtures (mean absolute grey difference, 0–255, of
// the worst block): the same caption in other frames at most 6; another caption 58; the same one a pixel off 31.
const BLOCK = THUMBNAIL_HEIGHT;
const SAME_BLOCK_DIFFERENCE = 16;

interface Entry {
  width: number;
  thumbnail: Uint8Array;
  text: DecodedText;
}

/** A grey, 16-px-high copy of a text box: what the cache compares crops by. */
export type LineThumbnail = { width: number; thumbnail: Uint8Array };

export function lineThumbnail(image: RgbaImage, box: FrameBox): LineThumbnail {
  const width = clamp(Math.round((THUMBNAIL_HEIGHT * box.width) / Math.max(1, box.height)), 1, MAX_THUMBNAIL_WIDTH);
  const thumbnail = new Uint8Array(width * THUMBNAIL_HEIGHT);
  const stepX = box.width / width;
  const stepY = box.height / THUMBNAIL_HEIGHT;
  for (let y = 0; y < THUMBNAIL_HEIGHT; y++) {
    // Area average over each cell, so one noisy pixel moves a cell by little.
    const y0 = Math.floor(box.y + y * stepY);
    const y1 = Math.max(y0 + 1, Math.floor(box.y + (y + 1) * stepY));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(box.x + x * stepX);
      const x1 = Math.max(x0 + 1, Math.floor(box.x + (x + 1) * stepX));
      let sum = 0;
      let count = 0;
      for (let sy = y0; sy < Math.min(y1, image.height); sy++)
        for (let sx = x0; sx < Math.min(x1, image.width); sx++) {
          const p = (sy * image.width + sx) * 4;
          sum += image.data[p] * 77 + image.data[p + 1] * 150 + image.data[p + 2] * 29;
          count++;
        }
      thumbnail[y * width + x] = count ? Math.round(sum / count / 256) : 0;
    }
  }
  return { width, thumbnail };
}

/**
 * The last lines read, by what their boxes looked like: a box that looks like one read before gets that text
 * without running the recogniser, so OCR costs follow the overlays that change, not the frame rate. Shared by the
 * streams of a process (the same pixels say the same thing on any stream); the oldest entries go first.
 */
export class PaddleLineCache {
  private entries: Entry[] = [];

  constructor(private readonly capacity = 256) {}

  find(key: LineThumbnail): DecodedText | undefined {
    const index = this.entries.findIndex(
      (entry) =>
        entry.width === key.width &&
        worstBlockDifference(entry.thumbnail, key.thumbnail, key.width) < SAME_BLOCK_DIFFERENCE,
    );
    if (index < 0) return undefined;
    const [entry] = this.entries.splice(index, 1);
    this.entries.unshift(entry); // most recently used first: live overlays repeat
    return entry.text;
  }

  remember(key: LineThumbnail, text: DecodedText): void {
    if (this.capacity <= 0) return;
    this.entries.unshift({ ...key, text });
    if (this.entries.length > this.capacity) this.entries.length = this.capacity;
  }
}

/** The largest mean absolute difference over the thumbnails' square blocks, left to right. */
export function worstBlockDifference(a: Uint8Array, b: Uint8Array, width: number): number {
  let worst = 0;
  for (let left = 0; left < width; left += BLOCK) {
    const right = Math.min(width, left + BLOCK);
    let sum = 0;
    for (let y = 0; y < THUMBNAIL_HEIGHT; y++)
      for (let x = left; x < right; x++) sum += Math.abs(a[y * width + x] - b[y * width + x]);
    worst = Math.max(worst, sum / ((right - left) * THUMBNAIL_HEIGHT));
  }
  return worst;
}
