import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { Segment, SegmentsService } from '@qinglang/ingest';
import {
  HandlesJob,
  JobFailure,
  JobPayloads,
  JobQueue,
  ReconcilableJobHandler,
  ReconcileCursor,
  StuckCutoffs,
} from '@qinglang/queue';
import { MediaScratch, MediaStore } from '@qinglang/storage';
import { itemFrameFolder } from './frame-folders';
import { FramesService } from './frames.service';
import { frameFromSample } from './frame-factory';
import { SourceMedia } from './source-media.service';

type Payload = JobPayloads['segment.sample'];

/** Media stage of a segment: fetch it if it came by URL, check its container, sample frames, hand on to classify. */
@Injectable()
@HandlesJob('segment.sample')
export class SegmentSampleProcessor implements ReconcilableJobHandler<'segment.sample'> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly segments: SegmentsService,
    private readonly frames: FramesService,
    private readonly media: SourceMedia,
    private readonly queue: JobQueue,
    private readonly storage: MediaStore,
  ) {}

  async handle({ segmentId }: Payload): Promise<void> {
    const segment = await this.segments.lifecycle.runStage(segmentId, {
      from: 'unfinished',
      pending: ['queued', 'sampling'],
      working: 'sampling',
      done: 'sampled',
      // The job's scratch (a fetched copy, the frames before they are stored) goes when it ends, failed or not.
      work: (s) => this.storage.withScratch((scratch) => this.sample(s, scratch)),
    });
    if (segment) await this.queue.enqueue('segment.classify', { segmentId });
  }

  async onFailed({ segmentId }: Payload, failure: JobFailure): Promise<void> {
    await this.segments.lifecycle.fail(segmentId, failure.code, failure.reason);
  }

  findUnfinished(cutoffs: StuckCutoffs, after?: ReconcileCursor) {
    return this.segments.lifecycle.stuck(cutoffs, after, (s): Payload => ({ segmentId: s.id }));
  }

  private async sample(segment: Segment, scratch: MediaScratch): Promise<Partial<Segment>> {
    // A pulled piece that holds no due time of its stream's grid (see below) has nothing to sample: not even probed.
    if (
      segment.source === 'pull' &&
      segment.sampleIntervalMs &&
      segment.durationMs &&
      dueOffsetMs(segment.startOffsetMs, segment.sampleIntervalMs) >= segment.durationMs
    ) {
      await this.frames.replacePending('segment', segment.id, []);
      return { durationMs: segment.durationMs };
    }
    let mediaPath = segment.mediaPath;
    if (!mediaPath) {
      mediaPath = await this.media.fetch(
        segment.sourceUrl!,
        `media/${segment.platformId}/segments/${segment.id}.fetched`,
        scratch,
      );
      await this.segments.lifecycle.advance(segment.id, 'sampling', { mediaPath });
    }
    const directory = itemFrameFolder('segment', segment.platformId, segment.id);
    const interval = segment.sampleIntervalMs ? segment.sampleIntervalMs / 1000 : undefined;
    // A pulled piece is one of many: its frames fall on the stream's grid (every interval of stream time), so a
    // stream is sampled at its tier whatever the pieces' length, and a piece between two due times costs a probe.
    const firstAtMs = segment.sampleIntervalMs ? dueOffsetMs(segment.startOffsetMs, segment.sampleIntervalMs) : 0;
    // A pulled piece's length is known (its puller measured it): no probe before the one sampling run.
    const expected = segment.source === 'pull' && segment.durationMs ? segment.durationMs : undefined;
    const result = await this.media.sampleVideo(mediaPath, directory, scratch, interval, firstAtMs, expected);
    const source = {
      platformId: segment.platformId,
      sourceKind: 'segment' as const,
      sourceId: segment.id,
      stream: { id: segment.streamId, startOffsetMs: segment.startOffsetMs },
      directory,
      sampledAt: this.clock.now(),
    };
    await this.frames.replacePending(
      'segment',
      segment.id,
      result.frames.map((f) => frameFromSample(source, f)),
    );
    return { durationMs: result.durationMs };
  }
}

/** How far into a piece starting at `startMs` of stream time the next multiple of `intervalMs` lies. */
export function dueOffsetMs(startMs: number, intervalMs: number): number {
  return (intervalMs - (startMs % intervalMs)) % intervalMs;
}
