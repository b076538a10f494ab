import { Inject, Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { Post, PostsService } from '@qinglang/ingest';
import { newId } from '@qinglang/persistence';
import { HandlesJob, JobFailure, JobPayloads, JobQueue, PermanentJobError, ReconcilableJobHandler } from '@qinglang/queue';
import { FileStorage, sniffImageContainer, sniffVideoContainer } from '@qinglang/storage';
import { FfmpegService } from './ffmpeg.service';
import { FramesService } from './frames.service';
import { Frame, FrameSourceKind } from './frame.entity';
import { fetchMedia } from './media-fetcher';
import { InvalidMediaError, SampledFrame } from './frame-sampler';

type Payload = JobPayloads['post.sample'];

/** Media stage of a post: each image becomes one frame, a video (uploaded or by URL) is sampled like a segment. */
@Injectable()
@HandlesJob('post.sample')
export class PostSampleProcessor implements ReconcilableJobHandler<'post.sample'> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly posts: PostsService,
    private readonly frames: FramesService,
    private readonly ffmpeg: FfmpegService,
    private readonly storage: FileStorage,
    private readonly queue: JobQueue,
  ) {}

  async handle({ postId }: Payload): Promise<void> {
    const post = await this.posts.lifecycle.get(postId);
    if (!post || post.stage === 'classified' || post.stage === 'failed') return;
    if (post.stage === 'queued' || post.stage === 'sampling') {
      await this.posts.lifecycle.advance(post.id, 'sampling');
      const imageFrames: Frame[] = [];
      const videoFrames: Frame[] = [];
      const dir = `frames/${post.platformId}/post-${post.id}`;
      await rm(this.storage.absolute(dir), { recursive: true, force: true });
      for (const media of await this.posts.attachments(post.id)) {
        if (media.kind === 'image') {
          const container = sniffImageContainer(await this.storage.head(media.mediaPath));
          if (!container) throw new PermanentJobError('unsupported_format', `Image ${media.position} is not a JPEG, PNG, WebP or GIF.`);
          const out = `${dir}/image-${media.position}`;
          const frame = await this.guard(() => this.ffmpeg.sampler.sampleImage(this.storage.absolute(media.mediaPath), container, this.storage.absolute(out)));
          imageFrames.push(this.toFrame(post, 'post_image', media.position, out, frame));
        } else {
          videoFrames.push(...(await this.sampleVideo(post, media.mediaPath, `${dir}/video`)));
        }
      }
      if (post.videoUrl) {
        const relative = `media/${post.platformId}/posts/${post.id}/video.fetched`;
        const { media } = this.config;
        await fetchMedia(post.videoUrl, this.storage.absolute(relative), { timeoutMs: media.fetchTimeoutMs, maxBytes: media.maxUploadBytes, allowPrivate: media.fetchAllowPrivate });
        videoFrames.push(...(await this.sampleVideo(post, relative, `${dir}/video`)));
      }
      await this.frames.replacePending('post_image', post.id, imageFrames);
      await this.frames.replacePending('post_video', post.id, videoFrames);
      await this.posts.lifecycle.advance(post.id, 'sampled');
    }
    await this.queue.enqueue('post.classify', { postId });
  }

  async onFailed({ postId }: Payload, failure: JobFailure): Promise<void> {
    await this.posts.lifecycle.fail(postId, failure.code, failure.reason);
  }

  async findUnfinished(updatedBefore: Date): Promise<Payload[]> {
    return (await this.posts.lifecycle.unfinished(updatedBefore)).map((p) => ({ postId: p.id }));
  }

  private async sampleVideo(post: Post, mediaPath: string, out: string): Promise<Frame[]> {
    const container = sniffVideoContainer(await this.storage.head(mediaPath));
    if (!container) throw new PermanentJobError('unsupported_format', "The post's video is not an MPEG-TS, MP4 or FLV file.");
    const result = await this.guard(() =>
      this.ffmpeg.sampler.sampleVideo(this.storage.absolute(mediaPath), container, this.config.media.frameIntervalSeconds, this.storage.absolute(out)),
    );
    return result.frames.map((f) => this.toFrame(post, 'post_video', f.positionMs, out, f));
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof InvalidMediaError) throw new PermanentJobError(error.code, error.message);
      throw error;
    }
  }

  private toFrame(post: Post, sourceKind: FrameSourceKind, positionMs: number, dir: string, f: SampledFrame): Frame {
    return Object.assign(new Frame(), {
      id: newId(),
      platformId: post.platformId,
      sourceKind,
      sourceId: post.id,
      streamId: null,
      positionMs,
      streamTimeMs: null,
      imagePath: join(dir, f.fileName),
      width: f.width,
      height: f.height,
      perceptualHash: f.perceptualHash,
      status: 'pending',
      duplicateOfId: null,
      duplicateDistance: null,
      createdAt: new Date(),
    } satisfies Frame);
  }
}
