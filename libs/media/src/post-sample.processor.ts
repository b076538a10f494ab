import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { Post, PostsService } from '@qinglang/ingest';
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
import { Frame } from './frame.entity';
import { FrameSource, frameFromSample } from './frame-factory';
import { SourceMedia } from './source-media.service';

type Payload = JobPayloads['post.sample'];

/** Media stage of a post: each image becomes one frame, a video (uploaded or by URL) is sampled like a segment. */
@Injectable()
@HandlesJob('post.sample')
export class PostSampleProcessor implements ReconcilableJobHandler<'post.sample'> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly posts: PostsService,
    private readonly frames: FramesService,
    private readonly media: SourceMedia,
    private readonly storage: MediaStore,
    private readonly queue: JobQueue,
  ) {}

  async handle({ postId }: Payload): Promise<void> {
    const post = await this.posts.lifecycle.runStage(postId, {
      from: 'unfinished',
      pending: ['queued', 'sampling'],
      working: 'sampling',
      done: 'sampled',
      // The job's scratch (fetched video, frames before they are stored) goes when it ends, failed or not.
      work: (p) => this.storage.withScratch((scratch) => this.sample(p, scratch)),
    });
    if (post) await this.queue.enqueue('post.classify', { postId });
  }

  async onFailed({ postId }: Payload, failure: JobFailure): Promise<void> {
    await this.posts.lifecycle.fail(postId, failure.code, failure.reason);
  }

  findUnfinished(cutoffs: StuckCutoffs, after?: ReconcileCursor) {
    return this.posts.lifecycle.stuck(cutoffs, after, (p): Payload => ({ postId: p.id }));
  }

  private async sample(post: Post, scratch: MediaScratch): Promise<void> {
    const directory = itemFrameFolder('post', post.platformId, post.id);
    await this.storage.removeFolder(directory);
    const sampledAt = this.clock.now();
    const source = (sourceKind: FrameSource['sourceKind'], subdirectory: string): FrameSource => ({
      platformId: post.platformId,
      sourceKind,
      sourceId: post.id,
      stream: null,
      directory: `${directory}/${subdirectory}`,
      sampledAt,
    });
    const images: Frame[] = [];
    const videoPaths: string[] = [];
    for (const attachment of await this.posts.attachments(post.id)) {
      if (attachment.kind === 'video') {
        videoPaths.push(attachment.mediaPath);
        continue;
      }
      const imageSource = source('post_image', `image-${attachment.position}`);
      // An image's "position" is its index in the post.
      images.push(
        frameFromSample(
          imageSource,
          await this.media.sampleImage(attachment.mediaPath, imageSource.directory, scratch),
          attachment.position,
        ),
      );
    }
    if (post.videoUrl)
      videoPaths.push(
        await this.media.fetch(post.videoUrl, `media/${post.platformId}/posts/${post.id}/video.fetched`, scratch),
      );
    const videoFrames: Frame[] = [];
    for (const [index, mediaPath] of videoPaths.entries()) {
      const videoSource = source('post_video', `video-${index}`);
      const result = await this.media.sampleVideo(mediaPath, videoSource.directory, scratch);
      videoFrames.push(...result.frames.map((f) => frameFromSample(videoSource, f)));
    }
    await this.frames.replacePending('post_image', post.id, images);
    await this.frames.replacePending('post_video', post.id, videoFrames);
  }
}
