import { Column, Entity, Index } from 'typeorm';
import { IdColumn } from '@qinglang/persistence';
import { TrackedItem } from './tracked-item';

export type TextKind = 'chat' | 'transcript';

/** A batch of chat (danmaku) or transcript lines from one stream. */
@Entity('text_batches')
@Index('uq_text_batches_platform_idempotency', ['platformId', 'idempotencyKey'], { unique: true })
@Index('ix_text_batches_stage_updated', ['stage', 'updatedAt'])
@Index('ix_text_batches_stream_kind', ['streamId', 'kind'])
export class TextBatch extends TrackedItem {
  @IdColumn({ name: 'stream_id' }) streamId: string;
  @Column({ type: 'varchar', length: 16 }) kind: TextKind;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true }) idempotencyKey: string | null;
  @Column({ name: 'line_count', type: 'integer' }) lineCount: number;
}
