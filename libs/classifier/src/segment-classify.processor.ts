import { Injectable } from '@nestjs/common';
import { SegmentsService } from '@qinglang/ingest';
import { FramesService } from '@qinglang/media';
import { MetricsService } from '@qinglang/operations';
import { HandlesJob, JobFailure, JobHandler, JobPayloads } from '@qinglang/queue';
import { FrameClassifier } from './frame-classifier.service';

type Payload = JobPayloads['segment.classify'];

/** Classify stage of a segment: score its frames (skipping near-duplicates), then mark it classified. */
@Injectable()
@HandlesJob('segment.classify')
export class SegmentClassifyProcessor implements JobHandler<'segment.classify'> {
  constructor(
    private readonly segments: SegmentsService,
    private readonly frames: FramesService,
    private readonly classifier: FrameClassifier,
    private readonly metrics: MetricsService,
  ) {}

  async handle({ segmentId }: Payload): Promise<void> {
    const segment = await this.segments.lifecycle.get(segmentId);
    if (!segment || (segment.stage !== 'sampled' && segment.stage !== 'classifying')) return;
    await this.segments.lifecycle.advance(segment.id, 'classifying');
    await this.classifier.classifyPending(await this.frames.forSource('segment', segment.id), segment.streamId);
    if (await this.segments.lifecycle.advance(segment.id, 'classified')) this.metrics.itemsFinished.inc({ kind: 'segment', status: 'classified' });
  }

  async onFailed({ segmentId }: Payload, failure: JobFailure): Promise<void> {
    if (await this.segments.lifecycle.fail(segmentId, failure.code, failure.reason)) this.metrics.itemsFinished.inc({ kind: 'segment', status: 'failed' });
  }
}
