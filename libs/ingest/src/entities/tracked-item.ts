import { Column, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';
import type { ItemStage } from './item-status';

/** The columns every accepted item shares (segment, post, text batch, tip batch): identity, owner and lifecycle. */
export abstract class TrackedItem {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ type: 'varchar', length: 16 }) stage: ItemStage;
  @Column({ name: 'failure_code', type: 'varchar', length: 64, nullable: true }) failureCode: string | null;
  @Column({ name: 'failure_reason', type: 'varchar', length: 1000, nullable: true }) failureReason: string | null;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
  @InstantColumn({ name: 'updated_at' }) updatedAt: Date;
  @InstantColumn({ name: 'finished_at', nullable: true }) finishedAt: Date | null;
}
