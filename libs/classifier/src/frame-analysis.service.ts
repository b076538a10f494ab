import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { extname, join } from 'node:path';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { ModelRegistry } from './model-registry.service';
import type { FrameAnalysisReply, FrameAnalysisRequest, FrameAnalysisWorkerData } from './workers/frame-analysis';
import { WorkerPool, WorkerPoolStats } from './workers/worker-pool';

/**
 * The porn model, OCR and the QR search in CLASSIFY_WORKERS worker threads (one per core by default), so the API's
 * event loop only moves ids and rows while every core scores frames. Each thread decodes a frame once for all
 * three. Used when the model runs on onnxruntime-node; with TF.js (pinned, or the fallback) or CLASSIFY_WORKERS=0
 * frames are scored on the calling thread as before.
 */
@Injectable()
export class FrameAnalysisService implements OnApplicationShutdown {
  private readonly logger = new Logger('FrameAnalysis');
  private pool?: WorkerPool<FrameAnalysisRequest, FrameAnalysisReply>;
  private starting?: Promise<boolean>;
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly models: ModelRegistry,
  ) {}

  /**
   * True when frames go to the pool; starts it on first call (where the model runs on onnxruntime-node): from the
   * readiness checks once the process is up (a worker process takes no job before, so a slow start cannot cost it
   * job locks), or with the first frames where nothing started them (an app under test that never listens).
   */
  ready(): Promise<boolean> {
    if (this.closing) return Promise.resolve(false);
    this.starting ??= this.start();
    return this.starting;
  }

  get stats(): WorkerPoolStats | undefined {
    return this.pool?.stats;
  }

  /** Thread time by step since start, and how often a read was skipped or cut down: where the time goes. */
  readonly totals = {
    tasks: 0,
    frames: 0,
    readMs: 0,
    decodeMs: 0,
    /** Frames whose JPEG had to be decoded: their raw pixels were gone (or never written). */
    decoded: 0,
    modelMs: 0,
    ocrMs: 0,
    qrMs: 0,
    ocr: { all: 0, partial: 0, none: 0 },
    qr: { all: 0, partial: 0, none: 0 },
  };

  async analyse(request: FrameAnalysisRequest): Promise<FrameAnalysisReply> {
    if (!this.pool) throw new Error('frame analysis threads are not running');
    const reply = await this.pool.run(request, { affinity: request.streamKey });
    const totals = this.totals;
    totals.tasks++;
    totals.frames += request.frames.length;
    for (const key of ['readMs', 'decodeMs', 'modelMs', 'ocrMs', 'qrMs', 'decoded'] as const)
      totals[key] += reply.timings[key];
    for (const text of reply.texts) {
      if (text?.reuse.ocr) totals.ocr[text.reuse.ocr]++;
      if (text?.reuse.qr) totals.qr[text.reuse.qr]++;
    }
    return reply;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    // A start still under way (the first frames came just before shutdown) finishes first, then its threads end
    // too: a pool created after this would keep the process alive.
    await this.starting?.catch(() => false);
    await this.pool?.close();
    this.pool = undefined;
  }

  private async start(): Promise<boolean> {
    const size = this.config.ml.workers;
    if (size === 0) return false;
    const model = await this.models.nsfw();
    if (model.runtime !== 'onnxruntime-node') return false;
    const started = Date.now();
    // Beside this file: .js once built, .ts under ts-node and Jest (the pool loads it through ts-node then).
    const file = join(__dirname, 'workers', `frame-analysis-worker${extname(__filename)}`);
    const workerData: FrameAnalysisWorkerData = { ocr: this.config.media.ocrIntervalSeconds > 0 };
    const pool = new WorkerPool<FrameAnalysisRequest, FrameAnalysisReply>({
      name: 'frame analysis threads',
      file,
      size,
      workerData,
    });
    try {
      await pool.start();
    } catch (error) {
      this.logger.warn({
        message: 'frame analysis threads failed to start; scoring on this thread',
        error: String(error),
      });
      await pool.close();
      return false;
    }
    if (this.closing) {
      await pool.close();
      return false;
    }
    this.pool = pool;
    this.logger.log({ message: 'frame analysis threads ready', threads: size, ms: Date.now() - started });
    return true;
  }
}
