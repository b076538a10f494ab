import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';

export type StreamStatus = 'live' | 'ended';

@Entity('streams')
@Index('uq_streams_platform_external', ['platformId', 'externalId'], { unique: true })
export class Stream {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ name: 'external_id', type: 'varchar', length: 128 }) externalId: string;
  @IdColumn({ name: 'account_id' }) accountId: string;
  @Column({ type: 'varchar', length: 500, default: '' }) title: string;
  @Column({ name: 'viewer_count', type: 'integer', default: 0 }) viewerCount: number;
  @Column({ type: 'varchar', length: 16 }) status: StreamStatus;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
  @InstantColumn({ name: 'updated_at' }) updatedAt: Date;
}
