import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, LessThanOrEqual, Repository } from 'typeorm';
import { Post } from '../entities/post.entity';
import { PostMedia } from '../entities/post-media.entity';
import { Segment } from '../entities/segment.entity';

export type RetainedKind = 'segment' | 'post';

/** Where a post's media is stored: its attachments (posts.service) and its fetched video (the post sampler). */
export const postMediaFolder = (platformId: string, postId: string): string => `media/${platformId}/posts/${postId}`;

/** A finished item whose media retention is due to look at: what it is, when it finished, its stored files. */
export interface RetainedItem {
  kind: RetainedKind;
  id: string;
  platformId: string;
  finishedAt: Date;
  /** The upload or fetched file of a segment; a post's attachments. Paths in the media store. */
  files: string[];
  /** Folders holding only this item's files (a post's attachments and fetched video), removed after the files. */
  folders: string[];
  /** Bytes of those files, as recorded when they were stored. */
  bytes: number;
}

/**
 * What the retention sweep asks of ingest's items: which are due, putting one off, marking its media deleted. The
 * files themselves are deleted by the sweep through the media store; here only the rows change.
 */
@Injectable()
export class ItemMediaRetention {
  constructor(
    @InjectRepository(Segment) private readonly segments: Repository<Segment>,
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    @InjectRepository(PostMedia) private readonly media: Repository<PostMedia>,
  ) {}

  /**
   * Finished items whose media is not deleted and whose time has come: never looked at and finished before
   * `finishedBefore` (the benign period is the shortest), or put off until `now` or earlier. Oldest first.
   */
  async due(now: Date, finishedBefore: Date, limit: number): Promise<RetainedItem[]> {
    const [segments, posts] = await Promise.all(
      [this.segments, this.posts].map(async (repository: Repository<Segment | Post>) => {
        // Two look-ups that each use ix_<table>_retention (media_purged_at, retention_due_at, finished_at).
        const fresh = await repository.find({
          where: { mediaPurgedAt: IsNull(), retentionDueAt: IsNull(), finishedAt: LessThanOrEqual(finishedBefore) },
          order: { finishedAt: 'ASC' },
          take: limit,
        });
        const putOff = await repository.find({
          where: { mediaPurgedAt: IsNull(), retentionDueAt: LessThanOrEqual(now) },
          order: { retentionDueAt: 'ASC' },
          take: limit,
        });
        return [...fresh, ...putOff];
      }),
    );
    const dueAt = (item: Segment | Post) => (item.retentionDueAt ?? item.finishedAt!).getTime();
    const picked = [
      ...(segments as Segment[]).map((s) => ({ kind: 'segment' as const, row: s })),
      ...(posts as Post[]).map((p) => ({ kind: 'post' as const, row: p })),
    ]
      .sort((a, b) => dueAt(a.row) - dueAt(b.row))
      .slice(0, limit);
    const postIds = picked.filter((p) => p.kind === 'post').map((p) => p.row.id);
    const attachments = new Map<string, PostMedia[]>();
    for (let i = 0; i < postIds.length; i += 500)
      for (const m of await this.media.findBy({ postId: In(postIds.slice(i, i + 500)) }))
        attachments.set(m.postId, [...(attachments.get(m.postId) ?? []), m]);
    return picked.map(({ kind, row }) => {
      const base = { kind, id: row.id, platformId: row.platformId, finishedAt: row.finishedAt! };
      if (kind === 'segment') {
        const segment = row;
        return {
          ...base,
          files: segment.mediaPath ? [segment.mediaPath] : [],
          folders: [],
          bytes: segment.mediaPath ? (segment.sizeBytes ?? 0) : 0,
        };
      }
      const files = attachments.get(row.id) ?? [];
      // Always the post's folder: it holds its attachments and the video fetched from its videoUrl, which no row
      // records (its bytes are not counted, being unknown). Only a file stored outside it is removed on its own.
      const folder = postMediaFolder(row.platformId, row.id);
      return {
        ...base,
        files: files.map((m) => m.mediaPath).filter((path) => !path.startsWith(`${folder}/`)),
        folders: [folder],
        bytes: files.reduce((sum, m) => sum + m.sizeBytes, 0),
      };
    });
  }

  /** Puts items off until their review time (an open flag, evidence still in its period). */
  async putOff(items: Array<{ kind: RetainedKind; id: string; reviewAt: Date }>): Promise<void> {
    for (const item of items)
      // A where in SQL: TypeORM's update does not run IsNull() past the column's transformer.
      await this.repository(item.kind)
        .createQueryBuilder()
        .update()
        .set({ retentionDueAt: item.reviewAt })
        .where('id = :id AND media_purged_at IS NULL', { id: item.id })
        .execute();
  }

  /** Marks items' media deleted, in the caller's transaction (with the frames' marks and the audit entry). */
  async markPurged(manager: EntityManager, items: Array<{ kind: RetainedKind; id: string }>, at: Date): Promise<void> {
    for (const kind of ['segment', 'post'] as const) {
      const ids = items.filter((i) => i.kind === kind).map((i) => i.id);
      for (let i = 0; i < ids.length; i += 500)
        await manager.update(
          kind === 'segment' ? Segment : Post,
          { id: In(ids.slice(i, i + 500)) },
          {
            mediaPurgedAt: at,
            retentionDueAt: null,
          },
        );
    }
  }

  private repository(kind: RetainedKind): Repository<Segment | Post> {
    return kind === 'segment' ? this.segments : this.posts;
  }
}
