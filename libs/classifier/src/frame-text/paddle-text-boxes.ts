import type { FrameBox } from './frame-image';

export interface ScoredBox extends FrameBox {
  /** Mean text probability inside the box, 0–1. */
  score: number;
}

export interface TextBoxOptions {
  /** A pixel is text when its probability is above this. PaddleOCR: 0.3. */
  threshold?: number;
  /** A region is kept when its mean probability is at least this. PaddleOCR: 0.6. */
  boxThreshold?: number;
  /** How far a region grows back out (DB shrinks text regions when it learns them). PaddleOCR: 1.5. */
  unclipRatio?: number;
  maxBoxes?: number;
}

const MIN_SIDE = 3;

/**
 * DB post-processing on the detector's probability map (`width`×`height`, row-major): binarise, take 8-connected
 * regions, score each by its mean probability, and grow its bounding box by the unclip distance
 * area·ratio/perimeter, as PaddleOCR's DBPostProcess does with axis-aligned boxes (overlay text is horizontal).
 * Boxes are in map pixels, clamped to the map.
 */
export function findTextBoxes(
  probability: Float32Array,
  width: number,
  height: number,
  options: TextBoxOptions = {},
): ScoredBox[] {
  const threshold = options.threshold ?? 0.3;
  const boxThreshold = options.boxThreshold ?? 0.6;
  const unclipRatio = options.unclipRatio ?? 1.5;
  const maxBoxes = options.maxBoxes ?? 1000;
  const label = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const boxes: ScoredBox[] = [];
  let next = 0;
  for (let start = 0; start < probability.length; start++) {
    if (label[start] || probability[start] <= threshold) continue;
    next++;
    let top = 0;
    stack[top++] = start;
    label[start] = next;
    let [minX, minY, maxX, maxY] = [width, height, -1, -1];
    while (top > 0) {
      const at = stack[--top];
      const x = at % width;
      const y = (at - x) / width;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const neighbour = ny * width + nx;
          if (!label[neighbour] && probability[neighbour] > threshold) {
            label[neighbour] = next;
            stack[top++] = neighbour;
          }
        }
      }
    }
    const boxWidth = maxX - minX + 1;
    const boxHeight = maxY - minY + 1;
    if (Math.min(boxWidth, boxHeight) < MIN_SIDE) continue;
    // "fast" score mode: the mean over the region's bounding box.
    let sum = 0;
    for (let y = minY; y <= maxY; y++) for (let x = minX; x <= maxX; x++) sum += probability[y * width + x];
    const score = sum / (boxWidth * boxHeight);
    if (score < boxThreshold) continue;
    const distance = (boxWidth * boxHeight * unclipRatio) / (2 * (boxWidth + boxHeight));
    const x0 = Math.max(0, Math.floor(minX - distance));
    const y0 = Math.max(0, Math.floor(minY - distance));
    const x1 = Math.min(width, Math.ceil(maxX + 1 + distance));
    const y1 = Math.min(height, Math.ceil(maxY + 1 + distance));
    if (Math.min(x1 - x0, y1 - y0) < MIN_SIDE + 2) continue;
    boxes.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0, score });
    if (boxes.length >= maxBoxes) break;
  }
  return boxes;
}
