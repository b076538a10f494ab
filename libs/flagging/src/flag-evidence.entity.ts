import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BigNumberColumn, IdColumn, InstantColumn, JsonObject } from '@qinglang/persistence';

/** One signal attached to a flag, with what a reviewer needs to check it: a frame and its time, a text span, tips. */
@Entity('flag_evidence')
@Index('uq_flag_evidence_signal', ['flagId', 'signalId'], { unique: true })
@Index('ix_flag_evidence_signal', ['signalId'])
export class FlagEvidence {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'flag_id' }) flagId: string;
  @IdColumn({ name: 'signal_id' }) signalId: string;
  @Column({ name: 'source_kind', type: 'varchar', length: 16 }) sourceKind: string;
  @IdColumn({ name: 'source_id' }) sourceId: string;
  @Column({ type: 'real' }) score: number;
  /** Time in the stream (frames, chat lines, tips), when the subject is a stream. */
  @BigNumberColumn({ name: 'stream_time_ms', nullable: true }) streamTimeMs: number | null;
  @Column({ type: 'simple-json' }) detail: JsonObject;
  @Column({ name: 'model', type: 'varchar', length: 64 }) model: string;
  @Column({ name: 'model_version', type: 'varchar', length: 64 }) modelVersion: string;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
  /** Who produced it (streamer, viewer, tipper, author) and their account, copied from the signal. */
  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true }) actorRole: string | null;
  @IdColumn({ name: 'actor_account_id', nullable: true }) actorAccountId: string | null;
}
