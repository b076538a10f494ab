import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';
import type { ItemStage } from './item-status';

/** A self-media post: text, optional images and an optional video, by one author account. */
@Entity('posts')
@Index('uq_posts_platform_external', ['platformId', 'externalId'], { unique: true })
@Index('ix_posts_stage_updated', ['stage', 'updatedAt'])
export class Post {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ name: 'external_id', type: 'varchar', length: 200 }) externalId: string;
  @IdColumn({ name: 'account_id' }) accountId: string;
  @Column({ type: 'text', default: '' }) text: string;
  @Column({ name: 'video_url', type: 'varchar', length: 2048, nullable: true }) videoUrl: string | null;
  @Column({ type: 'varchar', length: 16 }) stage: ItemStage;
  @Column({ name: 'failure_code', type: 'varchar', length: 64, nullable: true }) failureCode: string | null;
  @Column({ name: 'failure_reason', type: 'varchar', length: 1000, nullable: true }) failureReason: string | null;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
  @InstantColumn({ name: 'updated_at' }) updatedAt: Date;
  @InstantColumn({ name: 'finished_at', nullable: true }) finishedAt: Date | null;
}
