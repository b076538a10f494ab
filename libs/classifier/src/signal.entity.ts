import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';

/**
 * What one model said about one piece of content: the raw scores, which model and version said it. The unique
 * key on (source, model) means the same frame is never classified twice by the same model, whatever retries do.
 */
@Entity('signals')
@Index('uq_signals_source_model', ['sourceKind', 'sourceId', 'model'], { unique: true })
export class Signal {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ name: 'source_kind', type: 'varchar', length: 16 }) sourceKind: 'frame' | 'text_line' | 'post_text' | 'tip_event';
  @IdColumn({ name: 'source_id' }) sourceId: string;
  @Column({ type: 'varchar', length: 64 }) model: string;
  @Column({ name: 'model_version', type: 'varchar', length: 64 }) modelVersion: string;
  @Column({ type: 'simple-json' }) scores: Record<string, number>;
  @Column({ name: 'top_label', type: 'varchar', length: 32 }) topLabel: string;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
}
