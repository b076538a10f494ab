import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';
import { TrackedItem } from './tracked-item';

/** A self-media post: text, optional images and an optional video, by one author account. */
@Entity('posts')
@Index('uq_posts_platform_external', ['platformId', 'externalId'], { unique: true })
@Index('ix_posts_stage_updated', ['stage', 'updatedAt'])
@Index('ix_posts_retention', ['mediaPurgedAt', 'retentionDueAt', 'finishedAt'])
export class Post extends TrackedItem {
  @Column({ name: 'external_id', type: 'varchar', length: 200 }) externalId: string;
  @IdColumn({ name: 'account_id' }) accountId: string;
  @Column({ type: 'text', default: '' }) text: string;
  @Column({ name: 'video_url', type: 'varchar', length: 2048, nullable: true }) videoUrl: string | null;
  /** When retention deleted the media (uploads, fetched file, frames); the rows stay. */
  @InstantColumn({ name: 'media_purged_at', nullable: true }) mediaPurgedAt: Date | null;
  /** When the retention sweep looks at the item again (null: at the end of the benign period after it finished). */
  @InstantColumn({ name: 'retention_due_at', nullable: true }) retentionDueAt: Date | null;
}
