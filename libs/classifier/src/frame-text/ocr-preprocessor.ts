import { RgbaImage, clamp } from './frame-image';

/** One byte a pixel, 0 black to 255 white. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface PreparedImage {
  /** Binary PGM (P5): Leptonica inside tesseract reads it without any codec. */
  pgm: Buffer;
  /** Pixels of the prepared image per pixel of the crop, to map boxes back to the frame. */
  scale: number;
  /** True when the text was light on dark and the picture was inverted. */
  inverted: boolean;
}

export function toGrey(image: RgbaImage): GreyImage {
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    // BT.601 luma in integers.
    data[i] = (image.data[p] * 77 + image.data[p + 1] * 150 + image.data[p + 2] * 29) >> 8;
  }
  return { width: image.width, height: image.height, data };
}

/** Bilinear resize by a factor: smooth strokes for the recogniser, unlike nearest-neighbour blocks. */
export function resizeGrey(image: GreyImage, factor: number): GreyImage {
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = clamp((y + 0.5) / factor - 0.5, 0, image.height - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = clamp((x + 0.5) / factor - 0.5, 0, image.width - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const fx = sx - x0;
      const top = image.data[y0 * image.width + x0] * (1 - fx) + image.data[y0 * image.width + x1] * fx;
      const bottom = image.data[y1 * image.width + x0] * (1 - fx) + image.data[y1 * image.width + x1] * fx;
      data[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, data };
}

function histogram(image: GreyImage): Uint32Array {
  const counts = new Uint32Array(256);
  for (const value of image.data) counts[value]++;
  return counts;
}

/** The grey level that best splits the picture in two classes (Otsu's method). */
export function otsuThreshold(image: GreyImage): number {
  const counts = histogram(image);
  const total = image.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * counts[i];
  let sumBelow = 0;
  let below = 0;
  let best = 0;
  let bestVariance = -1;
  for (let t = 0; t < 256; t++) {
    below += counts[t];
    if (below === 0) continue;
    const above = total - below;
    if (above === 0) break;
    sumBelow += t * counts[t];
    const meanBelow = sumBelow / below;
    const meanAbove = (sum - sumBelow) / above;
    const variance = below * above * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  return best;
}

/**
 * Makes a crop ready for tesseract: grey, enlarged so strokes are thick enough for the LSTM, contrast stretched,
 * and turned into dark text on a light ground, which tesseract reads best. It stays grey rather than binary: the
 * LSTM reads grey levels, and a hard threshold broke strokes (红烧肉 read as 红烧内). Overlay text is usually light
 * on a dark box; the minority side of the Otsu split is taken for the text, so a mostly dark picture is inverted.
 */
export function prepareForOcr(image: RgbaImage, scale: number): PreparedImage {
  const grey = resizeGrey(toGrey(image), scale);
  const threshold = otsuThreshold(grey);
  let bright = 0;
  for (const value of grey.data) if (value > threshold) bright++;
  const inverted = bright < grey.data.length / 2;
  const [low, high] = percentiles(grey, 0.01, 0.99);
  const range = Math.max(1, high - low);
  const data = new Uint8Array(grey.data.length);
  for (let i = 0; i < data.length; i++) {
    const stretched = clamp(Math.round(((grey.data[i] - low) * 255) / range), 0, 255);
    data[i] = inverted ? 255 - stretched : stretched;
  }
  return { pgm: encodePgm({ ...grey, data }), scale, inverted };
}

/** The grey levels below which the given fractions of the pixels lie. */
function percentiles(image: GreyImage, lowFraction: number, highFraction: number): [number, number] {
  const counts = histogram(image);
  const lowCount = image.data.length * lowFraction;
  const highCount = image.data.length * highFraction;
  let low = 0;
  let high = 255;
  let seen = 0;
  for (let i = 0; i < 256; i++) {
    const before = seen;
    seen += counts[i];
    if (before <= lowCount && seen > lowCount) low = i;
    if (before <= highCount && seen > highCount) high = i;
  }
  return [low, high];
}

export function encodePgm(image: GreyImage): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'ascii');
  return Buffer.concat([header, Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength)]);
}
