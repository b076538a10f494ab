import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';
import type { ItemStage } from './item-status';

/** A batch of tip (gift) events from one stream. */
@Entity('tip_batches')
@Index('uq_tip_batches_platform_idempotency', ['platformId', 'idempotencyKey'], { unique: true })
@Index('ix_tip_batches_stage_updated', ['stage', 'updatedAt'])
export class TipBatch {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @IdColumn({ name: 'stream_id' }) streamId: string;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true }) idempotencyKey: string | null;
  @Column({ name: 'event_count', type: 'integer' }) eventCount: number;
  @Column({ type: 'varchar', length: 16 }) stage: ItemStage;
  @Column({ name: 'failure_code', type: 'varchar', length: 64, nullable: true }) failureCode: string | null;
  @Column({ name: 'failure_reason', type: 'varchar', length: 1000, nullable: true }) failureReason: string | null;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
  @InstantColumn({ name: 'updated_at' }) updatedAt: Date;
  @InstantColumn({ name: 'finished_at', nullable: true }) finishedAt: Date | null;
}
