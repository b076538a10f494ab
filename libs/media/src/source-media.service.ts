import { Inject, Injectable } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { PermanentJobError } from '@qinglang/queue';
import {
  MediaScratch,
  MediaStore,
  StoredMediaMissingError,
  sniffImageContainer,
  sniffVideoContainer,
} from '@qinglang/storage';
import { FfmpegService } from './ffmpeg.service';
import { InvalidMediaError, SampleResult, SampledFrame } from './frame-sampler';
import { fetchMedia } from './media-fetcher';

/** Only the evidence JPEGs are stored; the raw pixels beside them are for the classifier on this machine. */
const isEvidence = (fileName: string) => fileName.endsWith('.jpg');

/**
 * What both media processors do with an item's files, by their paths in the media store: fetch a URL within the
 * limits, and sample a video (at most MAX_MEDIA_DURATION_SECONDS long, covered to its end) or an image after
 * checking its container by content. ffmpeg works on local files in the job's scratch (on the local driver, the
 * stored files themselves); the evidence frames are stored before the job records them. Media problems become
 * PermanentJobError, so the item fails with the reason instead of being retried.
 */
@Injectable()
export class SourceMedia {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ffmpeg: FfmpegService,
    private readonly storage: MediaStore,
  ) {}

  /** Fetches `url` and stores it at `relativeTarget`; the copy stays in the scratch for sampling. */
  async fetch(url: string, relativeTarget: string, scratch: MediaScratch): Promise<string> {
    const { fetchTimeoutMs, maxUploadBytes, fetchAllowPrivate } = this.config.media;
    await fetchMedia(url, await this.storage.placeFor(relativeTarget, scratch), {
      timeoutMs: fetchTimeoutMs,
      maxBytes: maxUploadBytes,
      allowPrivate: fetchAllowPrivate,
    });
    await this.storage.commit(relativeTarget, scratch);
    return relativeTarget;
  }

  /**
   * `intervalSeconds`: a pulled piece's tier; by default FRAME_INTERVAL_SECONDS. `firstAtMs`: where in the piece
   * the first frame is due, `expectedDurationMs` its length as the puller measured it (see VideoLimits).
   */
  async sampleVideo(
    mediaPath: string,
    outputDir: string,
    scratch: MediaScratch,
    intervalSeconds?: number,
    firstAtMs?: number,
    expectedDurationMs?: number,
  ): Promise<SampleResult> {
    const input = await this.input(mediaPath, scratch);
    const container = sniffVideoContainer(await this.storage.headOfLocalFile(input));
    if (!container) {
      throw new PermanentJobError(
        'unsupported_format',
        'The file is not an MPEG-TS, MP4 or FLV video (checked by its content, not its name).',
      );
    }
    // Frames of an earlier attempt go: the sampler names files by time, a retry must not keep stale ones.
    await this.storage.removeFolder(outputDir);
    const output = await this.storage.placeFor(outputDir, scratch);
    await rm(output, { recursive: true, force: true });
    const { frameIntervalSeconds, maxMediaDurationSeconds } = this.config.media;
    // Refused here, in the worker, from what ffmpeg reads of the file: an upload's name or size cannot tell.
    const result = await this.permanentOnBadMedia(() =>
      this.ffmpeg.sampler.sampleVideo(input, container, intervalSeconds ?? frameIntervalSeconds, output, {
        maxDurationSeconds: maxMediaDurationSeconds,
        firstAtMs,
        expectedDurationMs,
      }),
    );
    await this.storage.commit(outputDir, scratch, isEvidence);
    return result;
  }

  async sampleImage(mediaPath: string, outputDir: string, scratch: MediaScratch): Promise<SampledFrame> {
    const input = await this.input(mediaPath, scratch);
    const container = sniffImageContainer(await this.storage.headOfLocalFile(input));
    if (!container)
      throw new PermanentJobError(
        'unsupported_format',
        'The image is not a JPEG, PNG, WebP or GIF (checked by its content).',
      );
    const output = await this.storage.placeFor(outputDir, scratch);
    const frame = await this.permanentOnBadMedia(() => this.ffmpeg.sampler.sampleImage(input, container, output));
    await this.storage.commit(outputDir, scratch, isEvidence);
    return frame;
  }

  /** The item's stored media as a local file; gone from the store (deleted by hand, by retention), no retry helps. */
  private async input(mediaPath: string, scratch: MediaScratch): Promise<string> {
    try {
      return await this.storage.localFile(mediaPath, scratch);
    } catch (error) {
      if (error instanceof StoredMediaMissingError)
        throw new PermanentJobError('media_missing', 'The stored media of this item is gone from the media store.');
      throw error;
    }
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
