import { FrameBox, RgbaImage, clamp } from './frame-image';

/** A frame as the mean grey of square cells: what two reads of a stream are compared by. */
export interface CoarseFrame {
  width: number;
  height: number;
  cell: number;
  columns: number;
  rows: number;
  cells: Uint8Array;
}

// 16-px cells on a 960x540 frame: 60x34 of them, about a character of a small caption each. Every other pixel
// of every other row is read, which is enough for a mean and a quarter of the work.
const CELL = 16;
// Mean grey difference (0–255) under which a cell is the same picture: H.264 noise on a still picture moves a cell
// by 1–3; a caption appearing over it moves the cells it covers by tens.
const SAME_CELL = 6;

export function coarseFrame(image: RgbaImage, cell = CELL): CoarseFrame {
  const columns = Math.ceil(image.width / cell);
  const rows = Math.ceil(image.height / cell);
  const sums = new Uint32Array(columns * rows);
  const counts = new Uint32Array(columns * rows);
  const { data, width, height } = image;
  for (let y = 0; y < height; y += 2) {
    const row = Math.floor(y / cell) * columns;
    for (let x = 0; x < width; x += 2) {
      const p = (y * width + x) * 4;
      const index = row + Math.floor(x / cell);
      sums[index] += (data[p] * 77 + data[p + 1] * 150 + data[p + 2] * 29) >> 8;
      counts[index]++;
    }
  }
  const cells = new Uint8Array(columns * rows);
  for (let i = 0; i < cells.length; i++) cells[i] = counts[i] ? Math.round(sums[i] / counts[i]) : 0;
  return { width, height, cell, columns, rows, cells };
}

/**
 * Where `current` differs from `previous`: the rectangle around every cell whose mean grey moved by more than
 * SAME_CELL, grown by one cell, in frame pixels. `null` when no cell moved; the whole frame when the two are not
 * comparable (another size).
 */
export function changedArea(previous: CoarseFrame, current: CoarseFrame): FrameBox | null {
  if (previous.width !== current.width || previous.height !== current.height || previous.cell !== current.cell)
    return { x: 0, y: 0, width: current.width, height: current.height };
  let left = Infinity;
  let top = Infinity;
  let right = -1;
  let bottom = -1;
  for (let row = 0; row < current.rows; row++)
    for (let column = 0; column < current.columns; column++) {
      const i = row * current.columns + column;
      if (Math.abs(previous.cells[i] - current.cells[i]) <= SAME_CELL) continue;
      left = Math.min(left, column);
      right = Math.max(right, column);
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
    }
  if (right < 0) return null;
  const { cell } = current;
  const x = clamp((left - 1) * cell, 0, current.width);
  const y = clamp((top - 1) * cell, 0, current.height);
  return {
    x,
    y,
    width: clamp((right + 2) * cell, 0, current.width) - x,
    height: clamp((bottom + 2) * cell, 0, current.height) - y,
  };
}

export function intersects(a: FrameBox, b: FrameBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The smallest rectangle holding both. */
export function union(a: FrameBox, b: FrameBox): FrameBox {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** `area` grown until no box it touches sticks out of it, so a caption on its edge is read whole or not at all. */
export function growOver(area: FrameBox, boxes: FrameBox[]): FrameBox {
  let grown = area;
  for (let changed = true; changed;) {
    changed = false;
    for (const box of boxes) {
      if (!intersects(grown, box)) continue;
      const next = union(grown, box);
      if (next.width !== grown.width || next.height !== grown.height) {
        grown = next;
        changed = true;
      }
    }
  }
  return grown;
}
