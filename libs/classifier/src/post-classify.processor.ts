import { Injectable } from '@nestjs/common';
import { PostsService } from '@qinglang/ingest';
import type { Post } from '@qinglang/ingest';
import { FramesService } from '@qinglang/media';
import { HandlesJob, JobFailure, JobHandler, JobPayloads, JobQueue } from '@qinglang/queue';
import { FrameClassifier } from './frame-classifier.service';
import { SignalsService } from './signals.service';
import { TextSignals } from './text-signals.service';
import { BankSignals } from './bank-signals.service';

type Payload = JobPayloads['post.classify'];

/** Classify stage of a post: score its text and the frames of its images and video, then hand it to flagging. */
@Injectable()
@HandlesJob('post.classify')
export class PostClassifyProcessor implements JobHandler<'post.classify'> {
  constructor(
    private readonly posts: PostsService,
    private readonly frames: FramesService,
    private readonly classifier: FrameClassifier,
    private readonly text: TextSignals,
    private readonly signals: SignalsService,
    private readonly queue: JobQueue,
    private readonly bankSignals: BankSignals,
  ) {}

  async handle({ postId }: Payload): Promise<void> {
    const post = await this.posts.lifecycle.runStage(postId, {
      from: ['sampled', 'classifying', 'flagging'],
      pending: ['sampled', 'classifying'],
      working: 'classifying',
      done: 'flagging',
      work: (p) => this.classify(p),
    });
    if (!post) return;
    await this.queue.enqueue('subject.flag', {
      subjectKind: 'post',
      subjectId: post.id,
      item: { kind: 'post', id: post.id },
    });
  }

  async onFailed({ postId }: Payload, failure: JobFailure): Promise<void> {
    await this.posts.lifecycle.fail(postId, failure.code, failure.reason);
  }

  private async classify(post: Post): Promise<void> {
    const frames = [
      ...(await this.frames.forSource('post_image', post.id)),
      ...(await this.frames.forSource('post_video', post.id)),
    ];
    await this.classifier.classifyPending(frames, { kind: 'post', id: post.id });
    if (post.text.trim()) {
      const subject = { kind: 'post' as const, id: post.id };
      const items = [
        { sourceKind: 'post_text' as const, sourceId: post.id, platformId: post.platformId, text: post.text, subject },
      ];
      await this.signals.recordNew([...this.text.toSignals(items), ...(await this.bankSignals.forItems(items))]);
    }
  }
}
