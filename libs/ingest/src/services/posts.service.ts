import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { extname } from 'node:path';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { newId } from '@qinglang/persistence';
import { ApiError, MetricsService } from '@qinglang/operations';
import { JobQueue } from '@qinglang/queue';
import { MediaStore } from '@qinglang/storage';
import { Post } from '../entities/post.entity';
import { PostMedia } from '../entities/post-media.entity';
import { AccountsService } from './accounts.service';
import { ItemLifecycle, acceptedLifecycle } from './item-lifecycle';
import { acceptOnce } from './accept-once';
import {
  IMAGE_EXTENSIONS,
  UploadedMedia,
  VIDEO_EXTENSIONS,
  checkMediaUrl,
  checkUpload,
  discard,
} from './upload-checks';

export interface PostRequest {
  platformId: string;
  externalId: string;
  authorId: string;
  text: string;
  videoUrl?: string;
}

@Injectable()
export class PostsService {
  readonly lifecycle: ItemLifecycle<Post>;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    @InjectRepository(PostMedia) private readonly media: Repository<PostMedia>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly storage: MediaStore,
    private readonly queue: JobQueue,
    private readonly metrics: MetricsService,
  ) {
    this.lifecycle = new ItemLifecycle(posts, 'post_not_found', this.clock);
  }

  /** Accepts a post with its images and video; the same external id again returns the first post unchanged. */
  async accept(
    request: PostRequest,
    images: UploadedMedia[],
    video?: UploadedMedia,
  ): Promise<{ post: Post; created: boolean }> {
    const uploads = [...images, video];
    try {
      let stored: string | null = null;
      const { item: post, created } = await acceptOnce({
        existing: () => this.posts.findOneBy({ platformId: request.platformId, externalId: request.externalId }),
        insert: async () => {
          const post = await this.prepare(request, images, video);
          stored = `media/${request.platformId}/posts/${post.post.id}`;
          await this.dataSource.transaction(async (manager) => {
            await manager.insert(Post, post.post);
            if (post.attachments.length) await manager.insert(PostMedia, post.attachments);
          });
          return post.post;
        },
        discard: async () => {
          if (stored) await this.removeStored(stored);
        },
      });
      if (created) {
        this.metrics.itemsIngested.inc({ kind: 'post' });
        await this.queue.enqueueAccepted('post.sample', { postId: post.id }, post.platformId);
      }
      return { post, created };
    } finally {
      await discard(uploads);
    }
  }

  /** Checks a new post's media and stores its files; the rows to insert. */
  private async prepare(
    request: PostRequest,
    images: UploadedMedia[],
    video: UploadedMedia | undefined,
  ): Promise<{ post: Post; attachments: PostMedia[] }> {
    for (const image of images) checkUpload(image, IMAGE_EXTENSIONS, await this.storage.headOfLocalFile(image.path));
    if (video) checkUpload(video, VIDEO_EXTENSIONS, await this.storage.headOfLocalFile(video.path));
    if (request.videoUrl) checkMediaUrl(request.videoUrl);
    if (video && request.videoUrl)
      throw new ApiError(400, 'video_and_video_url', 'Send either a video file or a videoUrl, not both.');
    const author = await this.accounts.findOrCreate(request.platformId, request.authorId);
    const now = this.clock.now();
    const post = this.posts.create({
      id: newId(),
      platformId: request.platformId,
      externalId: request.externalId,
      accountId: author.id,
      text: request.text,
      videoUrl: request.videoUrl ?? null,
      ...acceptedLifecycle(now),
    });
    const folder = `media/${request.platformId}/posts/${post.id}`;
    const attachments: PostMedia[] = [];
    try {
      for (const [position, file] of [
        ...images.map((f) => ['image', f] as const),
        ...(video ? [['video', video] as const] : []),
      ].entries()) {
        const id = newId();
        const [kind, upload] = file;
        const mediaPath = await this.storage.adopt(
          upload.path,
          `${folder}/${id}${extname(upload.originalname).toLowerCase()}`,
        );
        attachments.push(
          this.media.create({
            id,
            postId: post.id,
            position,
            kind,
            mediaPath,
            originalName: upload.originalname.slice(0, 255),
            sizeBytes: upload.size,
          }),
        );
      }
    } catch (error) {
      // A later attachment failed to store (a bucket blip): those stored before it have no row to point at them.
      await this.removeStored(folder);
      throw error;
    }
    return { post, attachments };
  }

  /**
   * Removes the files of a post that was not recorded. Best effort: when the store fails this too, the request's
   * own error is what the client must see, and the folder is named in the log for an operator.
   */
  private async removeStored(folder: string): Promise<void> {
    await this.storage.removeFolder(folder).catch((error: unknown) =>
      new Logger('Ingest').warn({
        message: "could not remove an unrecorded post's stored files",
        folder,
        error: String(error),
      }),
    );
  }

  async idsOfAccount(accountId: string): Promise<string[]> {
    return (await this.posts.find({ where: { accountId }, select: { id: true } })).map((p) => p.id);
  }

  /** The platform's post with this external id (the platform's own id for it), if submitted. */
  findByExternalId(platformId: string, externalId: string): Promise<Post | null> {
    return this.posts.findOneBy({ platformId, externalId });
  }

  /** By internal id, in the caller's transaction when given one. */
  findById(id: string, manager?: EntityManager): Promise<Post | null> {
    return (manager ? manager.getRepository(Post) : this.posts).findOneBy({ id });
  }

  attachments(postId: string): Promise<PostMedia[]> {
    return this.media.find({ where: { postId }, order: { position: 'ASC' } });
  }
}
