import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Frame, FrameSourceKind } from './frame.entity';
import { FramedItemKind, itemFrameFolder } from './frame-folders';
import { rawFramePath } from './frame-sampler';

/** Every kind of source a frame is sampled from: named in the look-ups so uq_frames_source_position serves them. */
const SOURCE_KINDS: FrameSourceKind[] = ['segment', 'post_image', 'post_video'];

/** The frames of some items, keyed by item id, with the files and folders they occupy in the media store. */
export interface ItemFrames {
  /** Frame ids (kept and already deleted) by the id of the segment or post they were sampled from. */
  byItem: Map<string, string[]>;
  /**
   * Per item, where its frames are stored: always its folder by the samplers' layout (whatever the rows say, so
   * what a failed sampling left goes too), and any kept frame's files found outside that folder.
   */
  storedByItem: Map<string, { files: string[]; folders: string[] }>;
}

/** What the retention sweep asks of the frames: which belong to an item, and marking their JPEGs deleted. */
@Injectable()
export class FrameRetention {
  constructor(@InjectRepository(Frame) private readonly frames: Repository<Frame>) {}

  /** The frames sampled from these segments and posts (a post's images and video alike). */
  async ofItems(items: Array<{ kind: FramedItemKind; platformId: string; id: string }>): Promise<ItemFrames> {
    const byItem = new Map<string, string[]>();
    const storedByItem = new Map<string, { files: string[]; folders: string[] }>();
    // One folder removal takes an item's frames, a JPEG and any raw pixels a crash left, in a few requests on S3.
    for (const item of items)
      storedByItem.set(item.id, { files: [], folders: [itemFrameFolder(item.kind, item.platformId, item.id)] });
    const itemIds = items.map((i) => i.id);
    for (let i = 0; i < itemIds.length; i += 500) {
      const frames = await this.frames.find({
        select: { id: true, sourceId: true, imagePath: true, purgedAt: true },
        where: { sourceKind: In(SOURCE_KINDS), sourceId: In(itemIds.slice(i, i + 500)) },
      });
      for (const frame of frames) {
        byItem.set(frame.sourceId, [...(byItem.get(frame.sourceId) ?? []), frame.id]);
        const stored = storedByItem.get(frame.sourceId);
        if (frame.purgedAt || !stored) continue;
        // A frame stored elsewhere (an older layout) is deleted by its own paths.
        if (!stored.folders.some((folder) => frame.imagePath.startsWith(`${folder}/`)))
          stored.files.push(frame.imagePath, rawFramePath(frame.imagePath));
      }
    }
    return { byItem, storedByItem };
  }

  /** Marks the frames of these items deleted, in the caller's transaction; returns how many were still kept. */
  async markPurged(manager: EntityManager, itemIds: string[], at: Date): Promise<number> {
    let marked = 0;
    for (let i = 0; i < itemIds.length; i += 500) {
      // A where in SQL: TypeORM's update does not run IsNull() past the column's transformer.
      const result = await manager
        .createQueryBuilder()
        .update(Frame)
        .set({ purgedAt: at })
        .where('source_kind IN (:...kinds) AND source_id IN (:...ids) AND purged_at IS NULL', {
          kinds: SOURCE_KINDS,
          ids: itemIds.slice(i, i + 500),
        })
        .execute();
      marked += result.affected ?? 0;
    }
    return marked;
  }
}
