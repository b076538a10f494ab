import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { FrameTextReader, FrameTextResult } from './frame-text';

/**
 * The process's one frame text reader (a tesseract worker thread): started and warmed at boot where workers
 * run, so a broken language model stops the process then rather than failing frames later.
 */
@Injectable()
export class FrameTextService implements OnApplicationBootstrap, OnApplicationShutdown {
  private reader?: FrameTextReader;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get ocrEveryNthFrame(): number {
    return this.config.media.ocrEveryNthFrame;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api' || this.ocrEveryNthFrame === 0) return;
    const started = Date.now();
    await this.instance().warmUp();
    new Logger('FrameText').log({ message: 'OCR ready', ms: Date.now() - started, everyNthFrame: this.ocrEveryNthFrame });
  }

  read(jpeg: Buffer, ocr: boolean): Promise<FrameTextResult> {
    return this.instance().read(jpeg, { ocr: ocr && this.ocrEveryNthFrame > 0 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reader?.close();
  }

  private instance(): FrameTextReader {
    this.reader ??= new FrameTextReader();
    return this.reader;
  }
}
