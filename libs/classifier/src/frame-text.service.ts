import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { FrameTextReader, FrameTextResult } from './frame-text';

/**
 * The process's one frame text reader (PP-OCR in a worker thread of its own), for frames scored on the calling
 * thread (TF.js, or CLASSIFY_WORKERS=0): started and warmed once the process is up where workers run (a readiness
 * check), so a broken language model shows on /health and keeps the worker from taking jobs.
 */
@Injectable()
export class FrameTextService implements OnApplicationShutdown {
  private reader?: FrameTextReader;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get intervals(): { ocrSeconds: number; qrSeconds: number } {
    return { ocrSeconds: this.config.media.ocrIntervalSeconds, qrSeconds: this.config.media.qrIntervalSeconds };
  }

  /** Whether this process reads frame text here: with the frame analysis threads (the default) OCR runs there. */
  get readsOnThisThread(): boolean {
    if (this.config.role === 'api' || this.config.media.ocrIntervalSeconds === 0) return false;
    return !!this.config.ml.backend || this.config.ml.workers === 0;
  }

  async warmUp(): Promise<void> {
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
