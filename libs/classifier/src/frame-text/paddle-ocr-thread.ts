import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RgbaImage } from './frame-image';
import type { PaddleOcrOptions } from './paddle-ocr';
import type { PaddleOcrReply, PaddleOcrRequest } from './paddle-ocr-worker';
import type { OcrResult } from './tesseract-ocr';

/**
 * PaddleOcr in a worker thread of its own, started on first use and kept: onnxruntime-node runs a model on the
 * calling thread, and a whole-frame read (~0.2 s) must not stall this one (the API, the QR search). Images are
 * copied to the thread; requests run one after another there.
 */
export class PaddleOcrThread {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (reply: PaddleOcrReply) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly options: PaddleOcrOptions = {}) {}

  /** Loads both models in the thread now, so a missing file fails at boot rather than on a frame. */
  async start(): Promise<void> {
    await this.request({ width: 0, height: 0 });
  }

  async recognize(image: RgbaImage): Promise<OcrResult> {
    const pixels = new Uint8ClampedArray(image.data).buffer;
    const reply = await this.request({ width: image.width, height: image.height, pixels }, [pixels]);
    if (!('result' in reply) || !reply.result) throw new Error('PP-OCR thread returned no result');
    return reply.result;
  }

  /** Ends the thread; a later call starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private async request(message: Omit<PaddleOcrRequest, 'id'>, transfer: ArrayBuffer[] = []): Promise<PaddleOcrReply> {
    const worker = this.thread();
    const id = this.nextId++;
    const reply = new Promise<PaddleOcrReply>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    worker.ref(); // a request in flight keeps the process alive; an idle thread does not
    worker.postMessage({ ...message, id } satisfies PaddleOcrRequest, transfer);
    const answer = await reply;
    if ('error' in answer) throw new Error(`PP-OCR: ${answer.error}`);
    return answer;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    // Beside this file: paddle-ocr-worker.js once built, .ts under ts-node and Jest, which the thread then loads too.
    const file = join(__dirname, `paddle-ocr-worker${extname(__filename)}`);
    const worker = new Worker(file, {
      workerData: this.options,
      execArgv: file.endsWith('.ts') ? ['--require', 'ts-node/register/transpile-only'] : [],
    });
    worker.on('message', (reply: PaddleOcrReply) => {
      this.pending.get(reply.id)?.resolve(reply);
      this.pending.delete(reply.id);
      if (!this.pending.size) worker.unref();
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PP-OCR thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
