import { FrameBox, RgbaImage, clamp, cropRgba, decodeFrameJpeg } from './frame-image';
import { intersects } from './changed-area';
import { prepareForOcr } from './ocr-preprocessor';
import type { PaddleOcrOptions } from './paddle-ocr';
import { PaddleOcrThread } from './paddle-ocr-thread';
import { DecodedQrCode, decodeQrCodes } from './qr-decoder';
import { OcrLine, OcrResult, TesseractOcr, TesseractOcrOptions } from './tesseract-ocr';

/**
 * Where on the frame text was read: the top or bottom band streamers burn captions into, or elsewhere in the frame
 * (`full`: PP-OCR reads the whole frame and files each line under the band it sits in, or here).
 */
export type OverlayRegion = 'top' | 'bottom' | 'full';

/** `paddle`: PP-OCRv4 on onnxruntime-node over the whole frame (default). `tesseract`: tesseract.js on the bands. */
export type OcrEngineName = 'paddle' | 'tesseract';

export interface RegionText {
  region: OverlayRegion;
  /** The region's lines, top to bottom, joined by newlines; tesseract keeps the spaces the overlay had. */
  text: string;
  /** 0–100, the lines' confidences weighted by their length. */
  confidence: number;
  /** Around all the region's lines, in frame pixels. */
  box: FrameBox;
  lines: OcrLine[];
}

export interface FrameTextResult {
  /** Regions in which text was recognised; empty when none was, or when OCR was skipped. */
  regions: RegionText[];
  qrCodes: DecodedQrCode[];
  ocr: boolean;
  /** Wall time of the whole read. */
  ms: number;
  /** Where the time went: JPEG decoding, QR search and each region's OCR (worker time, queueing excluded). */
  timings: Partial<Record<'decode' | 'qr' | OverlayRegion, number>>;
}

/** What runs PP-OCR: a thread of the reader's own (default), or a PaddleOcr on the caller's thread (a pool thread). */
export interface PaddleEngine {
  start(): Promise<void>;
  close(): Promise<void>;
  recognize(image: RgbaImage): Promise<OcrResult>;
}

export interface FrameTextReaderOptions extends TesseractOcrOptions {
  /** Default `paddle`: it reads more (coloured and mid-frame text too) in a fraction of tesseract's time. */
  engine?: OcrEngineName;
  paddle?: PaddleOcrOptions;
  /** Run PP-OCR here instead of on a thread of the reader's own (the reader already runs in a worker thread). */
  paddleEngine?: PaddleEngine;
  /** Tesseract only (PP-OCR reads the whole frame); default the top and bottom bands. */
  regions?: OverlayRegion[];
  /** Height of each band as a fraction of the frame's. Default 0.22. */
  bandFraction?: number;
  /** Lines whose mean word confidence is below this are dropped as noise. Default 50. */
  minLineConfidence?: number;
}

export interface ReadOptions {
  /** False to look for QR codes only: OCR costs several times more than the QR search. */
  ocr?: boolean;
  /** False to skip the QR search. */
  qr?: boolean;
  /**
   * Read only this area of the frame (PP-OCR and QR); outside it, the lines and codes of an earlier read of the
   * same picture stand. What IncrementalFrameText passes when only part of a stream's frame changed.
   */
  within?: { area: FrameBox; lines: OcrLine[]; qrCodes: DecodedQrCode[] };
}

// Bands are enlarged to what a 720-line frame would show: the sampler keeps frames at most 960 wide, where
// overlay captions are 15–25 px tall, and the Chinese model reads best at 30 px or more.
const TARGET_HEIGHT = 720;
const MAX_ENLARGE = 3;
// The whole frame is read small: only large text is expected there, and it costs less.
const FULL_FRAME_HEIGHT = 360;

/**
 * Reads burnt-in text and QR codes from a sampled frame. Holds one OCR worker thread (PP-OCR's two model sessions,
 * or tesseract) for its lifetime, so make one reader per process and `close()` it at shutdown. The QR search runs
 * on this thread while the worker thread does OCR.
 */
export class FrameTextReader {
  readonly engine: OcrEngineName;
  private readonly paddle?: PaddleEngine;
  private readonly tesseract?: TesseractOcr;
  private readonly regions: OverlayRegion[];
  private readonly bandFraction: number;
  private readonly minLineConfidence: number;

  constructor(options: FrameTextReaderOptions = {}) {
    this.engine = options.engine ?? 'paddle';
    if (this.engine === 'paddle') this.paddle = options.paddleEngine ?? new PaddleOcrThread(options.paddle);
    else this.tesseract = new TesseractOcr(options);
    this.regions = options.regions ?? ['top', 'bottom'];
    this.bandFraction = options.bandFraction ?? 0.22;
    this.minLineConfidence = options.minLineConfidence ?? 50;
  }

  async read(jpegBytes: Buffer, options: ReadOptions = {}): Promise<FrameTextResult> {
    const started = performance.now();
    const frame = decodeFrameJpeg(jpegBytes);
    const decode = Math.round(performance.now() - started);
    const result = await this.readImage(frame, options);
    return { ...result, ms: Math.round(performance.now() - started), timings: { decode, ...result.timings } };
  }

  /** As read(), on a frame already decoded (RGBA). */
  async readImage(frame: RgbaImage, options: ReadOptions = {}): Promise<FrameTextResult> {
    const started = performance.now();
    const ocr = options.ocr ?? true;
    const timings: FrameTextResult['timings'] = {};
    const paddle = this.paddle;
    const tesseract = this.tesseract;
    const reads = Promise.all(
      !ocr
        ? []
        : paddle
          ? [this.readWholeFrame(paddle, frame, options.within)]
          : this.regions.map((region) => this.readRegion(tesseract!, frame, region)),
    );
    // Awaited after the QR search; until then this handler keeps an early failure from counting as unhandled.
    reads.catch(() => undefined);
    // Let the OCR jobs reach the worker thread before this thread is busy with the QR search.
    if (ocr) await new Promise((resolve) => setImmediate(resolve));
    const qrStarted = performance.now();
    const qrCodes = options.qr === false ? [] : await searchQr(frame, options.within);
    if (options.qr !== false) timings.qr = Math.round(performance.now() - qrStarted);
    const regions: RegionText[] = [];
    for (const { region, ms, found } of await reads) {
      timings[region] = ms;
      regions.push(...found);
    }
    return { regions, qrCodes, ocr, ms: Math.round(performance.now() - started), timings };
  }

  /** Loads the OCR model now (about a second) instead of on the first frame; a missing model fails here. */
  warmUp(): Promise<void> {
    return (this.paddle ?? this.tesseract)!.start();
  }

  close(): Promise<void> {
    return (this.paddle ?? this.tesseract)!.close();
  }

  /** One PP-OCR pass over the frame; each line is filed under the band its middle lies in, else under `full`. */
  private async readWholeFrame(
    engine: PaddleEngine,
    frame: RgbaImage,
    within?: ReadOptions['within'],
  ): Promise<{ region: OverlayRegion; ms: number; found: RegionText[] }> {
    let lines: OcrLine[];
    let ms: number;
    if (within) {
      const crop = cropRgba(frame, within.area);
      const read = await engine.recognize(crop.image);
      ms = read.ms;
      lines = [
        ...within.lines.filter((line) => !intersects(line.box, crop.box)),
        ...read.lines.map((line) => ({ ...line, box: moved(line.box, crop.box) })),
      ];
    } else ({ lines, ms } = await engine.recognize(frame));
    const band = frame.height * this.bandFraction;
    const byRegion = new Map<OverlayRegion, OcrLine[]>([
      ['top', []],
      ['full', []],
      ['bottom', []],
    ]);
    for (const line of lines) {
      if (!line.text || line.confidence < this.minLineConfidence) continue;
      const middle = line.box.y + line.box.height / 2;
      byRegion.get(middle < band ? 'top' : middle >= frame.height - band ? 'bottom' : 'full')!.push(line);
    }
    const found = [...byRegion].filter(([, kept]) => kept.length).map(([region, kept]) => regionText(region, kept));
    return { region: 'full', ms, found };
  }

  private async readRegion(
    engine: TesseractOcr,
    frame: RgbaImage,
    region: OverlayRegion,
  ): Promise<{ region: OverlayRegion; ms: number; found: RegionText[] }> {
    const band = Math.round(frame.height * this.bandFraction);
    const area: FrameBox =
      region === 'top'
        ? { x: 0, y: 0, width: frame.width, height: band }
        : region === 'bottom'
          ? { x: 0, y: frame.height - band, width: frame.width, height: band }
          : { x: 0, y: 0, width: frame.width, height: frame.height };
    const scale =
      region === 'full'
        ? Math.min(1, FULL_FRAME_HEIGHT / frame.height)
        : clamp(TARGET_HEIGHT / frame.height, 1, MAX_ENLARGE);
    const crop = cropRgba(frame, area);
    const { lines, ms } = await engine.recognize(prepareForOcr(crop.image, scale).pgm);
    const kept = lines
      .filter((line) => line.text && line.confidence >= this.minLineConfidence)
      .map((line) => toFrame(line, crop.box, scale));
    return { region, ms, found: kept.length ? [regionText(region, kept)] : [] };
  }
}

/** QR codes in the frame, or only in `within.area`, keeping the earlier read's codes outside it. */
async function searchQr(frame: RgbaImage, within: ReadOptions['within']): Promise<DecodedQrCode[]> {
  if (!within) return decodeQrCodes(frame);
  const crop = cropRgba(frame, within.area);
  return [
    ...within.qrCodes.filter((code) => !intersects(code.box, crop.box)),
    ...(await decodeQrCodes(crop.image)).map((code) => ({ ...code, box: moved(code.box, crop.box) })),
  ];
}

/** A box found in a crop, in the frame's pixels. */
function moved(box: FrameBox, origin: FrameBox): FrameBox {
  return { ...box, x: box.x + origin.x, y: box.y + origin.y };
}

function toFrame(line: OcrLine, origin: FrameBox, scale: number): OcrLine {
  const x = origin.x + Math.floor(line.box.x / scale);
  const y = origin.y + Math.floor(line.box.y / scale);
  return {
    ...line,
    box: {
      x,
      y,
      width: Math.ceil((line.box.x + line.box.width) / scale) + origin.x - x,
      height: Math.ceil((line.box.y + line.box.height) / scale) + origin.y - y,
    },
  };
}

function regionText(region: OverlayRegion, lines: OcrLine[]): RegionText {
  const characters = lines.reduce((sum, line) => sum + line.text.length, 0);
  const confidence = Math.round(lines.reduce((sum, line) => sum + line.confidence * line.text.length, 0) / characters);
  const x = Math.min(...lines.map((line) => line.box.x));
  const y = Math.min(...lines.map((line) => line.box.y));
  const right = Math.max(...lines.map((line) => line.box.x + line.box.width));
  const bottom = Math.max(...lines.map((line) => line.box.y + line.box.height));
  return {
    region,
    text: lines.map((line) => line.text).join('\n'),
    confidence,
    box: { x, y, width: right - x, height: bottom - y },
    lines,
  };
}
