import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BigNumberColumn, IdColumn, InstantColumn, JsonObject } from '@qinglang/persistence';

/**
 * Who produced the content a signal is about: the streamer (frames, on-screen text, their transcript and their own
 * chat lines), a viewer (a chat line's sender), a tipper (a tip event), a post's author. Flags and sanctions land
 * on the account answerable for it.
 */
export const ACTOR_ROLES = ['streamer', 'viewer', 'tipper', 'author'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/**
 * What one model said about one piece of content: the raw scores, which model and version said it. The unique
 * key on (source, model) means the same frame is never classified twice by the same model, whatever retries do.
 */
@Entity('signals')
@Index('uq_signals_source_model', ['sourceKind', 'sourceId', 'model'], { unique: true })
@Index('ix_signals_subject', ['subjectKind', 'subjectId', 'createdAt'])
@Index('ix_signals_actor', ['actorAccountId', 'createdAt'])
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
  /** Who produced the content; null only on signals recorded before attribution existed. */
  // Optional in the class so producers may leave them to SignalsService.record, which fills in the subject's owner.
  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true }) actorRole?: ActorRole | null;
  /** The producer's account (internal id); null for a chat line without a sender and for tippers. */
  @IdColumn({ name: 'actor_account_id', nullable: true }) actorAccountId?: string | null;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
}
