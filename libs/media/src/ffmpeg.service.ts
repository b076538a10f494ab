import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { FfmpegBinary, locateFfmpeg } from './ffmpeg-locator';
import { FrameSampler } from './frame-sampler';

/** The ffmpeg binary this process uses (shown in /health) and the sampler built on it. */
@Injectable()
export class FfmpegService {
  readonly binary: FfmpegBinary;
  readonly sampler: FrameSampler;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.binary = locateFfmpeg(config.media.ffmpegPath);
    // Raw pixels beside each JPEG: the frame analysis threads read them instead of decoding the JPEG again. Only
    // with files under DATA_DIR: with object storage the classify job may run on another machine than the sample
    // job, and 2 MB of pixels a frame are not worth a round trip through the bucket, so it decodes the stored JPEG.
    this.sampler = new FrameSampler({
      ffmpegPath: this.binary.path,
      timeoutMs: config.media.ffmpegTimeoutMs,
      rawFrames: config.storage.driver === 'local',
    });
    new Logger('Ffmpeg').log({ message: 'ffmpeg located', ...this.binary });
  }
}
