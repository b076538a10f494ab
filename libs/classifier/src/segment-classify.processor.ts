import { Injectable } from '@nestjs/common';
import { SegmentsService } from '@qinglang/ingest';
import { FramesService } from '@qinglang/media';
import { HandlesJob, JobFailure, JobHandler, JobPayloads, JobQueue } from '@qinglang/queue';
import { FrameClassifier } from './frame-classifier.service';

type Payload = JobPayloads['segment.classify'];

/** Classify stage of a segment: score its frames (skipping near-duplicates), then hand the stream to flagging. */
@Injectable()
@HandlesJob('segment.classify')
export class SegmentClassifyProcessor implements JobHandler<'segment.classify'> {
  constructor(
    private readonly segments: SegmentsService,
    private readonly frames: FramesService,
    private readonly classifier: FrameClassifier,
    private readonly queue: JobQueue,
  ) {}

  async handle({ segmentId }: Payload): Promise<void> {
    const segment = await this.segments.lifecycle.runStage(segmentId, {
      from: ['sampled', 'classifying', 'flagging'],
      pending: ['sampled', 'classifying'],
      working: 'classifying',
      done: 'flagging',
      work: async (s) => {
        const frames = await this.frames.forSource('segment', s.id);
        await this.classifier.classifyPending(frames, { kind: 'stream', id: s.streamId });
      },
    });
    if (!segment) return;
    await this.queue.enqueue('subject.flag', {
      subjectKind: 'stream',
      subjectId: segment.streamId,
      item: { kind: 'segment', id: segment.id },
    });
  }

  async onFailed({ segmentId }: Payload, failure: JobFailure): Promise<void> {
    await this.segments.lifecycle.fail(segmentId, failure.code, failure.reason);
  }
}
