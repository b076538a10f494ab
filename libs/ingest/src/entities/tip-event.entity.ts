import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';

export type AgeBand = 'minor' | 'adult' | 'unknown';

@Entity('tip_events')
@Index('uq_tip_events_batch_position', ['batchId', 'position'], { unique: true })
@Index('ix_tip_events_stream_sent', ['streamId', 'sentAt'])
@Index('ix_tip_events_tipper', ['platformId', 'tipperId', 'sentAt'])
export class TipEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'batch_id' }) batchId: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @IdColumn({ name: 'stream_id' }) streamId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ name: 'tipper_id', type: 'varchar', length: 128 }) tipperId: string;
  @Column({ name: 'age_band', type: 'varchar', length: 8 }) ageBand: AgeBand;
  /** A decimal string: money is never a float. */
  @Column({ type: 'varchar', length: 32 }) amount: string;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @Column({ name: 'gift_name', type: 'varchar', length: 100, nullable: true }) giftName: string | null;
  @InstantColumn({ name: 'sent_at' }) sentAt: Date;
}
