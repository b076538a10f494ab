import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createWorker, OEM, PSM } from 'tesseract.js';
import type { Bbox, Line, Worker } from 'tesseract.js';
import type { FrameBox } from './frame-image';

/** A line of text in the coordinates of the image given to `recognize`. */
export interface OcrLine {
  text: string;
  /** 0–100: the mean of the line's word confidences. */
  confidence: number;
  box: FrameBox;
}

export interface OcrResult {
  lines: OcrLine[];
  /** Time the worker spent on this image, without the wait for earlier calls. */
  ms: number;
  /** PP-OCR: text boxes run through the recogniser, and boxes that looked like lines read before and were not. */
  recognised?: number;
  reused?: number;
}

const LANGUAGE = 'chi_sim';

export interface TesseractOcrOptions {
  /** Folder holding `<lang>.traineddata.gz`; defaults to the LSTM-only models shipped in @tesseract.js-data/chi_sim. */
  langPath?: string;
}

/** The 1.7 MB LSTM-only "best_int" model: what tesseract.js itself picks for LSTM, a tenth of the 20 MB legacy set. */
export function bundledChineseLangPath(): string {
  return join(dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0_best_int');
}

/**
 * One tesseract worker thread, created on first use and kept: starting one (wasm and the Chinese model) takes
 * about a second. Everything is local: the wasm core comes from tesseract.js-core in node_modules, the model from
 * a folder on disk, and the cache is off so nothing is written to the working directory or read from a stale copy.
 * The worker does one image at a time anyway; queueing the calls here lets each one time its own work.
 */
export class TesseractOcr {
  private running?: Promise<Worker>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: TesseractOcrOptions = {}) {}

  /** Recognises `image` (PGM, PNG or JPEG bytes) as one block of horizontal text lines. */
  recognize(image: Buffer): Promise<OcrResult> {
    const run = this.queue.then(() => this.run(image));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Starts the worker now rather than on the first frame, so a missing model fails at boot. */
  async start(): Promise<void> {
    await this.worker();
  }

  /** Ends the worker thread; a later call starts a new one. */
  async close(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    const worker = await running?.catch(() => undefined);
    await worker?.terminate();
  }

  private async run(image: Buffer): Promise<OcrResult> {
    const worker = await this.worker();
    const started = performance.now();
    const { data } = await worker.recognize(image, {}, { text: false, blocks: true }).catch((error: unknown) => {
      // tesseract.js rejects with the worker's message as a string.
      throw toError(error);
    });
    const lines = (data.blocks ?? [])
      .flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines))
      .map(toOcrLine);
    return { lines, ms: Math.round(performance.now() - started) };
  }

  private worker(): Promise<Worker> {
    if (!this.running) {
      const starting = this.createWorker();
      this.running = starting;
      // A failed start is not kept: the next call tries again.
      starting.catch(() => {
        if (this.running === starting) this.running = undefined;
      });
    }
    return this.running;
  }

  private async createWorker(): Promise<Worker> {
    const langPath = this.options.langPath ?? bundledChineseLangPath();
    // tesseract.js never settles createWorker when the model cannot be loaded, so a bad path is caught here.
    await access(join(langPath, `${LANGUAGE}.traineddata.gz`));
    let failed: (reason: unknown) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    const worker = await Promise.race([
      createWorker(LANGUAGE, OEM.LSTM_ONLY, {
        langPath,
        gzip: true,
        cacheMethod: 'none',
        // Without a handler tesseract.js throws every failed job (a broken image too) out of its message listener,
        // which ends the process; the job's own promise already carries the error. It also ends a failed start.
        errorHandler: (error: unknown) => failed(toError(error)),
      }),
      failure,
    ]);
    // A band holds one or two lines of overlay text; SINGLE_BLOCK skips the page layout analysis of AUTO.
    await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK, preserve_interword_spaces: '1' });
    return worker;
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(`tesseract: ${String(error)}`);
}

// Tesseract's own line confidence sinks far below its words' when one character is doubtful (a line whose
// words score 90 except one at 0 came out at 38), so it cannot tell a real line from noise; the word mean can.
function toOcrLine(line: Line): OcrLine {
  const confidence = line.words.length
    ? line.words.reduce((sum, word) => sum + word.confidence, 0) / line.words.length
    : line.confidence;
  return { text: line.text.trim(), confidence: Math.round(confidence), box: toBox(line.bbox) };
}

function toBox(bbox: Bbox): FrameBox {
  return { x: bbox.x0, y: bbox.y0, width: bbox.x1 - bbox.x0, height: bbox.y1 - bbox.y0 };
}
