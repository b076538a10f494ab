import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BigNumberColumn, IdColumn, InstantColumn } from '@qinglang/persistence';

export type FrameSourceKind = 'segment' | 'post_image' | 'post_video';
export type FrameStatus = 'pending' | 'classified' | 'near_duplicate';

/**
 * One sampled picture kept as JPEG evidence, with its time in the stream. The unique key on its source and
 * position is what makes a re-run of sampling harmless.
 */
@Entity('frames')
@Index('uq_frames_source_position', ['sourceKind', 'sourceId', 'positionMs'], { unique: true })
@Index('ix_frames_stream_time', ['streamId', 'streamTimeMs'])
export class Frame {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ name: 'source_kind', type: 'varchar', length: 16 }) sourceKind: FrameSourceKind;
  @IdColumn({ name: 'source_id' }) sourceId: string;
  /** Stream the frame belongs to (null for a post's images and video). */
  @IdColumn({ name: 'stream_id', nullable: true }) streamId: string | null;
  /** Time within the source item (segment, post video) or the image's index for post images. */
  @BigNumberColumn({ name: 'position_ms' }) positionMs: number;
  /** Time within the stream: the segment's start offset plus the position. */
  @BigNumberColumn({ name: 'stream_time_ms', nullable: true }) streamTimeMs: number | null;
  @Column({ name: 'image_path', type: 'varchar', length: 1024 }) imagePath: string;
  @Column({ type: 'integer' }) width: number;
  @Column({ type: 'integer' }) height: number;
  /** 64-bit perceptual hash as 16 hex digits. */
  @Column({ name: 'perceptual_hash', type: 'varchar', length: 16 }) perceptualHash: string;
  @Column({ type: 'varchar', length: 16 }) status: FrameStatus;
  @IdColumn({ name: 'duplicate_of_id', nullable: true }) duplicateOfId: string | null;
  @Column({ name: 'duplicate_distance', type: 'integer', nullable: true }) duplicateDistance: number | null;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
  /** When retention deleted the JPEG; the row (time, hash, scores) stays for the records. */
  @InstantColumn({ name: 'purged_at', nullable: true }) purgedAt: Date | null;
}
