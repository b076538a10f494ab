// A frame analysis pool thread (see frame-analysis.service.ts): the porn model, PP-OCR and the QR search on one
// decode of each frame, one batch at a time.
import { readFile } from 'node:fs/promises';
import { decodeFrameJpeg } from '../frame-text/frame-image';
import { FrameTextReader } from '../frame-text/frame-text-reader';
import { IncrementalFrameText } from '../frame-text/incremental-frame-text';
import { PaddleOcr } from '../frame-text/paddle-ocr';
import { OnnxNsfwModel } from '../onnx-nsfw-model';
import { serveWorkerPool } from './worker-pool-thread';
import type { FrameAnalysisReply, FrameAnalysisRequest, FrameAnalysisWorkerData } from './frame-analysis';

let model: OnnxNsfwModel;
let reader: FrameTextReader;
let incremental: IncrementalFrameText;

serveWorkerPool<FrameAnalysisRequest, FrameAnalysisReply>({
  async init(data) {
    const options = data as FrameAnalysisWorkerData;
    // One intra-op thread each: the pool has one thread per core, and ORT's spinning threads fight each other.
    model = new OnnxNsfwModel({ threads: 1, modelPath: options.modelPath });
    reader = new FrameTextReader({ paddleEngine: new PaddleOcr({ threads: 1 }) });
    incremental = new IncrementalFrameText(reader);
    await model.load();
    if (options.ocr) await reader.warmUp();
  },

  async handle(request) {
    const timings = { readMs: 0, decodeMs: 0, modelMs: 0, ocrMs: 0, qrMs: 0 };
    let started = performance.now();
    const jpegs = await Promise.all(request.frames.map((frame) => readFile(frame.path)));
    timings.readMs = performance.now() - started;
    started = performance.now();
    const images = jpegs.map((jpeg) => decodeFrameJpeg(jpeg));
    timings.decodeMs = performance.now() - started;
    started = performance.now();
    const scores = await model.classify(images.map((image) => ({ ...image, channels: 4 as const })));
    timings.modelMs = performance.now() - started;
    const texts = [];
    for (const [i, frame] of request.frames.entries()) {
      if (!frame.ocr && !frame.qr) {
        texts.push(null);
        continue;
      }
      const what = { ocr: frame.ocr, qr: frame.qr };
      const read = request.streamKey
        ? await incremental.read(request.streamKey, images[i], what)
        : { ...(await reader.readImage(images[i], what)), reuse: {} };
      timings.ocrMs += read.timings.full ?? 0;
      timings.qrMs += read.timings.qr ?? 0;
      texts.push(read);
    }
    return { reply: { scores, texts, timings } };
  },
});
