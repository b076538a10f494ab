import { FrameBox, RgbaImage, clamp } from './frame-image';

/** A float32 NCHW tensor's data and shape, ready for onnxruntime. */
export interface PlanarInput {
  data: Float32Array;
  dims: [number, number, number, number];
}

// PaddleOCR normalises the image as OpenCV loads it, blue first, with ImageNet's mean and deviation.
const DETECTION_MEAN = [0.485, 0.456, 0.406];
const DETECTION_STD = [0.229, 0.224, 0.225];
const BGR = [2, 1, 0];
const STRIDE = 32;

/**
 * Samples a rectangle of `image` at `width`×`height` (bilinear, pixel centres) and writes it, channel after channel
 * in BGR order, as `(value / 255 - mean) / std` into `out` from `offset`, a row `rowStride` floats long.
 */
function samplePlanes(
  image: RgbaImage,
  area: FrameBox,
  width: number,
  height: number,
  norm: { mean: number[]; std: number[] },
  out: Float32Array,
  offset: number,
  rowStride: number,
  planeStride: number,
): void {
  const scaleX = area.width / width;
  const scaleY = area.height / height;
  for (let y = 0; y < height; y++) {
    const sy = clamp(area.y + (y + 0.5) * scaleY - 0.5, 0, image.height - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = clamp(area.x + (x + 0.5) * scaleX - 0.5, 0, image.width - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const fx = sx - x0;
      const p00 = (y0 * image.width + x0) * 4;
      const p01 = (y0 * image.width + x1) * 4;
      const p10 = (y1 * image.width + x0) * 4;
      const p11 = (y1 * image.width + x1) * 4;
      for (let c = 0; c < 3; c++) {
        const source = BGR[c];
        const top = image.data[p00 + source] + (image.data[p01 + source] - image.data[p00 + source]) * fx;
        const bottom = image.data[p10 + source] + (image.data[p11 + source] - image.data[p10 + source]) * fx;
        const value = (top + (bottom - top) * fy) / 255;
        out[offset + c * planeStride + y * rowStride + x] = (value - norm.mean[c]) / norm.std[c];
      }
    }
  }
}

/**
 * The detector's input: the whole frame scaled so its longer side is at most `maxSide`, each side rounded to a
 * multiple of 32 (the network downsamples by 32). Returns the scale factors back to frame pixels.
 */
export function detectionInput(image: RgbaImage, maxSide: number): PlanarInput & { scaleX: number; scaleY: number } {
  const ratio = Math.min(1, maxSide / Math.max(image.width, image.height));
  const width = Math.max(STRIDE, Math.round((image.width * ratio) / STRIDE) * STRIDE);
  const height = Math.max(STRIDE, Math.round((image.height * ratio) / STRIDE) * STRIDE);
  const data = new Float32Array(3 * width * height);
  const whole = { x: 0, y: 0, width: image.width, height: image.height };
  samplePlanes(
    image,
    whole,
    width,
    height,
    { mean: DETECTION_MEAN, std: DETECTION_STD },
    data,
    0,
    width,
    width * height,
  );
  return { data, dims: [1, 3, height, width], scaleX: image.width / width, scaleY: image.height / height };
}

/** Recognition input height of PP-OCRv4's recogniser. */
export const RECOGNITION_HEIGHT = 48;
// Lines wider than this (in input pixels, 40 characters or so) are squeezed: the recogniser's cost grows with width.
const MAX_RECOGNITION_WIDTH = 1600;

/** Width a crop takes at the recogniser's height, keeping its aspect ratio. */
export function recognitionWidth(box: FrameBox): number {
  return clamp(Math.ceil((RECOGNITION_HEIGHT * box.width) / Math.max(1, box.height)), 8, MAX_RECOGNITION_WIDTH);
}

/**
 * One batch for the recogniser: each crop scaled to 48 px high at its own width, normalised to [-1, 1], and padded
 * with zeros on the right to the widest crop, as PaddleOCR batches lines.
 */
export function recognitionInput(image: RgbaImage, boxes: FrameBox[]): PlanarInput {
  const widths = boxes.map(recognitionWidth);
  const width = Math.max(...widths);
  const plane = RECOGNITION_HEIGHT * width;
  const data = new Float32Array(boxes.length * 3 * plane);
  const norm = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] };
  boxes.forEach((box, i) =>
    samplePlanes(image, box, widths[i], RECOGNITION_HEIGHT, norm, data, i * 3 * plane, width, plane),
  );
  return { data, dims: [boxes.length, 3, RECOGNITION_HEIGHT, width] };
}
