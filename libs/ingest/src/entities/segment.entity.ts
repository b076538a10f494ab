import { Column, Entity, Index } from 'typeorm';
import { BigNumberColumn, IdColumn, InstantColumn } from '@qinglang/persistence';
import { TrackedItem } from './tracked-item';

/** A piece of a live stream, uploaded or fetched from a URL, that the media worker samples into frames. */
@Entity('segments')
@Index('uq_segments_platform_idempotency', ['platformId', 'idempotencyKey'], { unique: true })
@Index('ix_segments_stage_updated', ['stage', 'updatedAt'])
@Index('ix_segments_retention', ['mediaPurgedAt', 'retentionDueAt', 'finishedAt'])
export class Segment extends TrackedItem {
  @IdColumn({ name: 'stream_id' }) streamId: string;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true }) idempotencyKey: string | null;
  /** `pull`: a piece of a live stream Qinglang pulled itself (see StreamSource). */
  @Column({ type: 'varchar', length: 8 }) source: 'upload' | 'url' | 'pull';
  @Column({ name: 'source_url', type: 'varchar', length: 2048, nullable: true }) sourceUrl: string | null;
  @Column({ name: 'original_name', type: 'varchar', length: 255, nullable: true }) originalName: string | null;
  /** Where the media sits under DATA_DIR, once uploaded or fetched. */
  @Column({ name: 'media_path', type: 'varchar', length: 1024, nullable: true }) mediaPath: string | null;
  @BigNumberColumn({ name: 'size_bytes', nullable: true }) sizeBytes: number | null;
  @BigNumberColumn({ name: 'start_offset_ms' }) startOffsetMs: number;
  @Column({ name: 'duration_ms', type: 'integer', nullable: true }) durationMs: number | null;
  /** A pulled piece is sampled at its stream's tier (null: FRAME_INTERVAL_SECONDS). */
  @Column({ name: 'sample_interval_ms', type: 'integer', nullable: true }) sampleIntervalMs: number | null;
  /** When retention deleted the media (uploads, fetched file, frames); the rows stay. */
  @InstantColumn({ name: 'media_purged_at', nullable: true }) mediaPurgedAt: Date | null;
  /** When the retention sweep looks at the item again (null: at the end of the benign period after it finished). */
  @InstantColumn({ name: 'retention_due_at', nullable: true }) retentionDueAt: Date | null;
}
