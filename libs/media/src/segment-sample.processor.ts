import { Inject, Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { Segment, SegmentsService } from '@qinglang/ingest';
import { newId } from '@qinglang/persistence';
import { HandlesJob, JobFailure, JobPayloads, JobQueue, PermanentJobError, ReconcilableJobHandler } from '@qinglang/queue';
import { FileStorage, sniffVideoContainer } from '@qinglang/storage';
import { FfmpegService } from './ffmpeg.service';
import { FramesService } from './frames.service';
import { Frame } from './frame.entity';
import { fetchMedia } from './media-fetcher';
import { InvalidMediaError, SampleResult } from './frame-sampler';

type Payload = JobPayloads['segment.sample'];

/** Media stage of a segment: fetch it if it came by URL, check its container, sample frames, hand on to classify. */
@Injectable()
@HandlesJob('segment.sample')
export class SegmentSampleProcessor implements ReconcilableJobHandler<'segment.sample'> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly segments: SegmentsService,
    private readonly frames: FramesService,
    private readonly ffmpeg: FfmpegService,
    private readonly storage: FileStorage,
    private readonly queue: JobQueue,
  ) {}

  async handle({ segmentId }: Payload): Promise<void> {
    const segment = await this.segments.lifecycle.get(segmentId);
    if (!segment || segment.stage === 'classified' || segment.stage === 'failed') return;
    if (segment.stage === 'queued' || segment.stage === 'sampling') {
      await this.segments.lifecycle.advance(segment.id, 'sampling');
      const mediaPath = segment.mediaPath ?? (await this.fetch(segment));
      const result = await this.sample(segment, mediaPath);
      await this.frames.replacePending('segment', segment.id, this.toFrames(segment, result));
      await this.segments.lifecycle.advance(segment.id, 'sampled', { durationMs: result.durationMs, mediaPath });
    }
    // Also reached when a crash came after sampling but before this enqueue: the job id makes it a no-op if queued.
    await this.queue.enqueue('segment.classify', { segmentId });
  }

  async onFailed({ segmentId }: Payload, failure: JobFailure): Promise<void> {
    await this.segments.lifecycle.fail(segmentId, failure.code, failure.reason);
  }

  async findUnfinished(updatedBefore: Date): Promise<Payload[]> {
    return (await this.segments.lifecycle.unfinished(updatedBefore)).map((s) => ({ segmentId: s.id }));
  }

  private async fetch(segment: Segment): Promise<string> {
    const relative = `media/${segment.platformId}/segments/${segment.id}.fetched`;
    const { media } = this.config;
    await fetchMedia(segment.sourceUrl!, this.storage.absolute(relative), {
      timeoutMs: media.fetchTimeoutMs,
      maxBytes: media.maxUploadBytes,
      allowPrivate: media.fetchAllowPrivate,
    });
    await this.segments.lifecycle.advance(segment.id, 'sampling', { mediaPath: relative });
    return relative;
  }

  private async sample(segment: Segment, mediaPath: string): Promise<SampleResult> {
    const container = sniffVideoContainer(await this.storage.head(mediaPath));
    if (!container) {
      throw new PermanentJobError('unsupported_format', 'The file is not an MPEG-TS, MP4 or FLV video (checked by its content, not its name).');
    }
    const outputDir = this.storage.absolute(this.framesDir(segment));
    await rm(outputDir, { recursive: true, force: true });
    try {
      return await this.ffmpeg.sampler.sampleVideo(this.storage.absolute(mediaPath), container, this.config.media.frameIntervalSeconds, outputDir);
    } catch (error) {
      if (error instanceof InvalidMediaError) throw new PermanentJobError(error.code, error.message);
      throw error;
    }
  }

  private framesDir(segment: Segment): string {
    return `frames/${segment.platformId}/segment-${segment.id}`;
  }

  private toFrames(segment: Segment, result: SampleResult): Frame[] {
    const now = new Date();
    return result.frames.map((f) =>
      Object.assign(new Frame(), {
        id: newId(),
        platformId: segment.platformId,
        sourceKind: 'segment',
        sourceId: segment.id,
        streamId: segment.streamId,
        positionMs: f.positionMs,
        streamTimeMs: segment.startOffsetMs + f.positionMs,
        imagePath: join(this.framesDir(segment), f.fileName),
        width: f.width,
        height: f.height,
        perceptualHash: f.perceptualHash,
        status: 'pending',
        duplicateOfId: null,
        duplicateDistance: null,
        createdAt: now,
      } satisfies Frame),
    );
  }
}
