import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { FrameTextReader, FrameTextResult } from './frame-text';

/**
 * The process's one frame text reader (PP-OCR in a worker thread of its own): started and warmed at boot where workers
 * run, so a broken language model stops the process then rather than failing frames later.
 */
@Injectable()
export class FrameTextService implements OnApplicationBootstrap, OnApplicationShutdown {
  private reader?: FrameTextReader;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get intervals(): { ocrSeconds: number; qrSeconds: number } {
    return { ocrSeconds: this.config.media.ocrIntervalSeconds, qrSeconds: this.config.media.qrIntervalSeconds };
  }

  async onApplicationBootstrap(): Promise<void> {
    // With the frame analysis threads (onnxruntime-node, the default) OCR runs there; this reader is the fallback's.
    if (this.config.role === 'api' || this.config.media.ocrIntervalSeconds === 0) return;
    if (!this.config.ml.backend && this.config.ml.workers > 0) return;
    const started = Date.now();
    await this.instance().warmUp();
    new Logger('FrameText').log({ message: 'OCR ready', ms: Date.now() - started, ...this.intervals });
  }

  read(jpeg: Buffer, what: { ocr: boolean; qr: boolean }): Promise<FrameTextResult> {
    return this.instance().read(jpeg, what);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reader?.close();
  }

  private instance(): FrameTextReader {
    this.reader ??= new FrameTextReader();
    return this.reader;
  }
}
