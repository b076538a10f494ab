import { Inject, Injectable } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { PermanentJobError } from '@qinglang/queue';
import { FileStorage, sniffImageContainer, sniffVideoContainer } from '@qinglang/storage';
import { FfmpegService } from './ffmpeg.service';
import { InvalidMediaError, SampleResult, SampledFrame } from './frame-sampler';
import { fetchMedia } from './media-fetcher';

/**
 * What both media processors do with an item's files, paths relative to DATA_DIR: fetch a URL within the
 * limits, and sample a video (at most MAX_MEDIA_DURATION_SECONDS long, covered to its end) or an image after
 * checking its container by content. Media problems become PermanentJobError, so the item fails with the reason
 * instead of being retried.
 */
@Injectable()
export class SourceMedia {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ffmpeg: FfmpegService,
    private readonly storage: FileStorage,
  ) {}

  async fetch(url: string, relativeTarget: string): Promise<string> {
    const { fetchTimeoutMs, maxUploadBytes, fetchAllowPrivate } = this.config.media;
    await fetchMedia(url, this.storage.absolute(relativeTarget), {
      timeoutMs: fetchTimeoutMs,
      maxBytes: maxUploadBytes,
      allowPrivate: fetchAllowPrivate,
    });
    return relativeTarget;
  }

  /**
   * `intervalSeconds`: a pulled piece's tier; by default FRAME_INTERVAL_SECONDS. `firstAtMs`: where in the piece
   * the first frame is due, `expectedDurationMs` its length as the puller measured it (see VideoLimits).
   */
  async sampleVideo(
    mediaPath: string,
    outputDir: string,
    intervalSeconds?: number,
    firstAtMs?: number,
    expectedDurationMs?: number,
  ): Promise<SampleResult> {
    const container = sniffVideoContainer(await this.storage.head(mediaPath));
    if (!container) {
      throw new PermanentJobError(
        'unsupported_format',
        'The file is not an MPEG-TS, MP4 or FLV video (checked by its content, not its name).',
      );
    }
    await rm(this.storage.absolute(outputDir), { recursive: true, force: true });
    const { frameIntervalSeconds, maxMediaDurationSeconds } = this.config.media;
    // Refused here, in the worker, from what ffmpeg reads of the file: an upload's name or size cannot tell.
    return this.permanentOnBadMedia(() =>
      this.ffmpeg.sampler.sampleVideo(
        this.storage.absolute(mediaPath),
        container,
        intervalSeconds ?? frameIntervalSeconds,
        this.storage.absolute(outputDir),
        { maxDurationSeconds: maxMediaDurationSeconds, firstAtMs, expectedDurationMs },
      ),
    );
  }

  async sampleImage(mediaPath: string, outputDir: string): Promise<SampledFrame> {
    const container = sniffImageContainer(await this.storage.head(mediaPath));
    if (!container)
      throw new PermanentJobError(
        'unsupported_format',
        'The image is not a JPEG, PNG, WebP or GIF (checked by its content).',
      );
    return this.permanentOnBadMedia(() =>
      this.ffmpeg.sampler.sampleImage(this.storage.absolute(mediaPath), container, this.storage.absolute(outputDir)),
    );
  }

  private async permanentOnBadMedia<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof InvalidMediaError) throw new PermanentJobError(error.code, error.message);
      throw error;
    }
  }
}
