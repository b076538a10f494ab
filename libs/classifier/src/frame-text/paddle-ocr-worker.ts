// The worker thread's entry (see paddle-ocr-thread.ts): one PaddleOcr, one request at a time, in message order.
import { parentPort, workerData } from 'node:worker_threads';
import { PaddleOcr, PaddleOcrOptions } from './paddle-ocr';

export interface PaddleOcrRequest {
  id: number;
  width: number;
  height: number;
  /** RGBA pixels; `undefined` asks only that the models be loaded. */
  pixels?: ArrayBuffer;
}

export type PaddleOcrReply =
  { id: number; result: Awaited<ReturnType<PaddleOcr['recognize']>> | null } | { id: number; error: string };

const port = parentPort;
if (port) {
  const ocr = new PaddleOcr(workerData as PaddleOcrOptions);
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (request: PaddleOcrRequest) => {
    queue = queue.then(async () => {
      try {
        const result = request.pixels
          ? await ocr.recognize({
              width: request.width,
              height: request.height,
              data: new Uint8ClampedArray(request.pixels),
            })
          : (await ocr.start(), null);
        port.postMessage({ id: request.id, result } satisfies PaddleOcrReply);
      } catch (error) {
        port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}
