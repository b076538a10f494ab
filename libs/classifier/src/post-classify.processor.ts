import { Injectable } from '@nestjs/common';
import { PostsService } from '@qinglang/ingest';
import { FramesService } from '@qinglang/media';
import { MetricsService } from '@qinglang/operations';
import { HandlesJob, JobFailure, JobHandler, JobPayloads } from '@qinglang/queue';
import { FrameClassifier } from './frame-classifier.service';

type Payload = JobPayloads['post.classify'];

/** Classify stage of a post: score the frames of its images and video. */
@Injectable()
@HandlesJob('post.classify')
export class PostClassifyProcessor implements JobHandler<'post.classify'> {
  constructor(
    private readonly posts: PostsService,
    private readonly frames: FramesService,
    private readonly classifier: FrameClassifier,
    private readonly metrics: MetricsService,
  ) {}

  async handle({ postId }: Payload): Promise<void> {
    const post = await this.posts.lifecycle.get(postId);
    if (!post || (post.stage !== 'sampled' && post.stage !== 'classifying')) return;
    await this.posts.lifecycle.advance(post.id, 'classifying');
    const frames = [...(await this.frames.forSource('post_image', post.id)), ...(await this.frames.forSource('post_video', post.id))];
    await this.classifier.classifyPending(frames, null);
    if (await this.posts.lifecycle.advance(post.id, 'classified')) this.metrics.itemsFinished.inc({ kind: 'post', status: 'classified' });
  }

  async onFailed({ postId }: Payload, failure: JobFailure): Promise<void> {
    if (await this.posts.lifecycle.fail(postId, failure.code, failure.reason)) this.metrics.itemsFinished.inc({ kind: 'post', status: 'failed' });
  }
}
