import jsQR from 'jsqr';
import type { QRCode } from 'jsqr';
import { FrameBox, RgbaImage, cropRgba } from './frame-image';

export interface DecodedQrCode {
  data: string;
  /** The normalised URL when the data is a web address (with or without its scheme). */
  url?: string;
  host?: string;
  box: FrameBox;
}

// A frame rarely holds more than a couple of codes.
const MAX_CODES = 4;
// Overlapping, so a code on a seam is whole in one quadrant.
const QUADRANT = 0.6;

/**
 * Finds QR codes in a frame. jsQR returns one code per call, and none at all when two codes' finder patterns
 * confuse its locator; so the whole frame is searched, each code found painted white before the next call, and
 * when the frame gives nothing its four overlapping quadrants are searched the same way. Frames are not enlarged:
 * on the fixtures jsQR reads codes down to ~1.5 px a module, and enlarging (nearest or bilinear, 2x or 3x)
 * rescued none below that while costing ~250 ms on every frame without a code. Overlays are dark modules on a
 * light quiet zone; inverted codes are rare and would double the cost.
 */
export function decodeQrCodes(frame: RgbaImage): DecodedQrCode[] {
  const whole = decodeAll(frame, { x: 0, y: 0, width: frame.width, height: frame.height });
  if (whole.length) return whole;
  const width = Math.ceil(frame.width * QUADRANT);
  const height = Math.ceil(frame.height * QUADRANT);
  const found: DecodedQrCode[] = [];
  for (const [x, y] of [
    [0, 0],
    [frame.width - width, 0],
    [0, frame.height - height],
    [frame.width - width, frame.height - height],
  ]) {
    const crop = cropRgba(frame, { x, y, width, height });
    for (const code of decodeAll(crop.image, crop.box))
      if (!found.some((seen) => seen.data === code.data)) found.push(code);
  }
  return found;
}

function decodeAll(image: RgbaImage, origin: FrameBox): DecodedQrCode[] {
  const codes: DecodedQrCode[] = [];
  // Painted over below, so work on a copy.
  const pixels = { ...image, data: new Uint8ClampedArray(image.data) };
  for (let i = 0; i < MAX_CODES; i++) {
    const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' });
    if (!code) break;
    const box = codeBox(code);
    codes.push({ ...describeQrData(code.data), box: { ...box, x: box.x + origin.x, y: box.y + origin.y } });
    paintWhite(pixels, box);
  }
  return codes;
}

function codeBox(code: QRCode): FrameBox {
  const corners = [
    code.location.topLeftCorner,
    code.location.topRightCorner,
    code.location.bottomLeftCorner,
    code.location.bottomRightCorner,
  ];
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  const x = Math.floor(Math.min(...xs));
  const y = Math.floor(Math.min(...ys));
  return { x, y, width: Math.ceil(Math.max(...xs)) - x, height: Math.ceil(Math.max(...ys)) - y };
}

function paintWhite(image: RgbaImage, box: FrameBox): void {
  for (let y = Math.max(0, box.y); y < Math.min(image.height, box.y + box.height); y++) {
    image.data.fill(
      255,
      (y * image.width + Math.max(0, box.x)) * 4,
      (y * image.width + Math.min(image.width, box.x + box.width)) * 4,
    );
  }
}

const BARE_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(:\d+)?([/?#]|$)/i;

/** Reads the code's text as a web address when it is one; promoters often leave the scheme off. */
export function describeQrData(data: string): Pick<DecodedQrCode, 'data' | 'url' | 'host'> {
  const text = data.trim();
  const candidate = /^https?:\/\//i.test(text) ? text : BARE_HOST.test(text) ? `http://${text}` : undefined;
  if (!candidate) return { data };
  try {
    const url = new URL(candidate);
    return { data, url: url.href, host: url.hostname };
  } catch {
    return { data };
  }
}
