import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, LessThan, MoreThan, Repository } from 'typeorm';
import { ApiError } from '@qinglang/operations';
import { Frame, FrameSourceKind } from './frame.entity';

@Injectable()
export class FramesService {
  constructor(@InjectRepository(Frame) private readonly frames: Repository<Frame>) {}

  /**
   * Records a source's sampled frames in one transaction, replacing any still-pending frames a crashed run left,
   * so a re-run never doubles them (the unique key on source and position backs this up).
   */
  async replacePending(sourceKind: FrameSourceKind, sourceId: string, frames: Frame[]): Promise<void> {
    await this.frames.manager.transaction(async (manager) => {
      await manager.delete(Frame, { sourceKind, sourceId, status: 'pending' });
      for (let i = 0; i < frames.length; i += 50) await manager.insert(Frame, frames.slice(i, i + 50));
    });
  }

  forSource(sourceKind: FrameSourceKind, sourceId: string): Promise<Frame[]> {
    return this.frames.find({ where: { sourceKind, sourceId }, order: { positionMs: 'ASC' } });
  }

  /** The stream's latest frame that the model scored before this time: what a new frame is compared against. */
  lastClassifiedBefore(streamId: string, streamTimeMs: number): Promise<Frame | null> {
    return this.frames.findOne({
      where: { streamId, status: 'classified', streamTimeMs: LessThan(streamTimeMs) },
      order: { streamTimeMs: 'DESC' },
    });
  }

  async markNearDuplicates(duplicates: Array<{ id: string; duplicateOfId: string; distance: number }>): Promise<void> {
    for (const d of duplicates) {
      await this.frames.update(
        { id: d.id, status: 'pending' },
        { status: 'near_duplicate', duplicateOfId: d.duplicateOfId, duplicateDistance: d.distance },
      );
    }
  }

  /** Marks frames classified in one transaction with `write` (which stores their scores). */
  async markClassifiedWith(ids: string[], write: (manager: EntityManager) => Promise<void>): Promise<void> {
    await this.frames.manager.transaction(async (manager) => {
      await write(manager);
      await manager.update(Frame, { id: In(ids), status: 'pending' }, { status: 'classified' });
    });
  }

  /** A stream's frames after a stream time, in stream-time order. */
  ofStream(streamId: string, afterStreamTimeMs: number, limit: number): Promise<Frame[]> {
    return this.frames.find({
      where: { streamId, streamTimeMs: MoreThan(afterStreamTimeMs) },
      order: { streamTimeMs: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  async statsOfStream(streamId: string): Promise<{ framesSampled: number; lastFrameAt: Date | null }> {
    const [framesSampled, last] = await Promise.all([
      this.frames.countBy({ streamId }),
      this.frames.findOne({ where: { streamId }, order: { createdAt: 'DESC' }, select: { createdAt: true } }),
    ]);
    return { framesSampled, lastFrameAt: last?.createdAt ?? null };
  }

  /** Of these frames, those whose JPEG retention deleted, and when. */
  async deletedAmong(ids: string[]): Promise<Map<string, Date>> {
    const deleted = new Map<string, Date>();
    // Chunked: SQLite binds at most 999 parameters.
    for (let i = 0; i < ids.length; i += 500)
      for (const frame of await this.frames.find({
        select: { id: true, purgedAt: true },
        where: { id: In(ids.slice(i, i + 500)) },
      }))
        if (frame.purgedAt) deleted.set(frame.id, frame.purgedAt);
    return deleted;
  }

  /** A frame of this platform; without a platform (reviewers see every platform's evidence), any frame. */
  async getForPlatform(platformId: string | undefined, id: string): Promise<Frame> {
    const frame = await this.frames.findOneBy({ id, ...(platformId ? { platformId } : {}) });
    if (!frame) throw new ApiError(404, 'frame_not_found', `No such frame: ${id}`);
    return frame;
  }
}
