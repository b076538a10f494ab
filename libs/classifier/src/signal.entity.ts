import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BigNumberColumn, IdColumn, InstantColumn, JsonObject } from '@qinglang/persistence';

/**
 * What one model said about one piece of content: the raw scores, which model and version said it. The unique
 * key on (source, model) means the same frame is never classified twice by the same model, whatever retries do.
 */
@Entity('signals')
@Index('uq_signals_source_model', ['sourceKind', 'sourceId', 'model'], { unique: true })
@Index('ix_signals_subject', ['subjectKind', 'subjectId', 'createdAt'])
export class Signal {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ name: 'source_kind', type: 'varchar', length: 16 }) sourceKind:
    'frame' | 'frame_text' | 'text_line' | 'post_text' | 'tip_event';
  @IdColumn({ name: 'source_id' }) sourceId: string;
  @Column({ type: 'varchar', length: 64 }) model: string;
  @Column({ name: 'model_version', type: 'varchar', length: 64 }) modelVersion: string;
  @Column({ type: 'simple-json' }) scores: Record<string, number>;
  @Column({ name: 'top_label', type: 'varchar', length: 32 }) topLabel: string;
  /** The subject the content belongs to (a stream or a post): what flags aggregate over. */
  @Column({ name: 'subject_kind', type: 'varchar', length: 16, nullable: true }) subjectKind: 'stream' | 'post' | null;
  @IdColumn({ name: 'subject_id', nullable: true }) subjectId: string | null;
  /** The model's scores mapped onto the project's categories (gambling, porn, tipping). */
  @Column({ type: 'simple-json', nullable: true }) categories: Record<string, number> | null;
  /** What a reviewer needs to check the signal: text spans, frame time, tip events. */
  @Column({ type: 'simple-json', nullable: true }) detail: JsonObject | null;
  @BigNumberColumn({ name: 'stream_time_ms', nullable: true }) streamTimeMs: number | null;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
}
