// A frame analysis pool thread (see frame-analysis.service.ts): the porn model, PP-OCR and the QR search on the
// pixels ffmpeg wrote for each frame (or, where they are gone, one decode of its JPEG), one batch at a time.
import { readFile } from 'node:fs/promises';
import { RgbaImage, decodeFrameJpeg } from '../frame-text/frame-image';
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
    const timings = { readMs: 0, decodeMs: 0, modelMs: 0, ocrMs: 0, qrMs: 0, decoded: 0 };
    let started = performance.now();
    const read = await Promise.all(request.frames.map((frame) => readFrame(frame)));
    timings.readMs = performance.now() - started;
    started = performance.now();
    const images = read.map((frame) => {
      if ('data' in frame) return frame;
      timings.decoded++;
      return decodeFrameJpeg(frame.jpeg);
    });
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
      const text = request.streamKey
        ? await incremental.read(request.streamKey, images[i], what)
        : { ...(await reader.readImage(images[i], what)), reuse: {} };
      timings.ocrMs += text.timings.full ?? 0;
      timings.qrMs += text.timings.qr ?? 0;
      texts.push(text);
    }
    return { reply: { scores, texts, timings } };
  },
});

/** The sampler's raw pixels when they are there and whole; otherwise the JPEG, to be decoded. */
async function readFrame(frame: FrameAnalysisRequest['frames'][number]): Promise<RgbaImage | { jpeg: Buffer }> {
  if (frame.raw) {
    const { path, width, height } = frame.raw;
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes && bytes.length === width * height * 4)
      return { width, height, data: new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length) };
  }
  return { jpeg: await readFile(frame.path) };
}
