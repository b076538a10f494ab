import { Column, Entity, Index } from 'typeorm';
import { IdColumn } from '@qinglang/persistence';
import { TrackedItem } from './tracked-item';

/** A batch of tip (gift) events from one stream. */
@Entity('tip_batches')
@Index('uq_tip_batches_platform_idempotency', ['platformId', 'idempotencyKey'], { unique: true })
@Index('ix_tip_batches_stage_updated', ['stage', 'updatedAt'])
export class TipBatch extends TrackedItem {
  @IdColumn({ name: 'stream_id' }) streamId: string;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true }) idempotencyKey: string | null;
  @Column({ name: 'event_count', type: 'integer' }) eventCount: number;
}
