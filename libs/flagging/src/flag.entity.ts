import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';
import type { Category } from './category';

export type FlagSubjectKind = 'stream' | 'post' | 'account';
export type FlagStatus = 'open' | 'closed';

/**
 * A suspected violation of one category by one subject (a stream, a post, or an account across several of
 * them), opened when its signals pass the
 * policy threshold. While it is open, new evidence attaches to it: `openKey` is set only while open and is
 * unique, so there is one open flag per subject and category even with concurrent workers.
 */
@Entity('flags')
@Index('uq_flags_open_key', ['openKey'], { unique: true })
@Index('ix_flags_platform_status', ['platformId', 'status', 'openedAt'])
export class Flag {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ name: 'subject_kind', type: 'varchar', length: 16 }) subjectKind: FlagSubjectKind;
  @IdColumn({ name: 'subject_id' }) subjectId: string;
  /** The account answerable for the subject: the streamer, or the post's author. */
  @IdColumn({ name: 'account_id' }) accountId: string;
  @Column({ type: 'varchar', length: 16 }) category: Category;
  @Column({ type: 'varchar', length: 16 }) status: FlagStatus;
  @Column({ name: 'open_key', type: 'varchar', length: 100, nullable: true }) openKey: string | null;
  @Column({ type: 'real' }) confidence: number;
  @Column({ name: 'evidence_count', type: 'integer' }) evidenceCount: number;
  @Column({ name: 'model_versions', type: 'simple-json' }) modelVersions: string[];
  @Column({ name: 'policy_version', type: 'varchar', length: 64 }) policyVersion: string;
  @InstantColumn({ name: 'opened_at' }) openedAt: Date;
  @InstantColumn({ name: 'updated_at' }) updatedAt: Date;
}

export const openKeyOf = (subjectKind: FlagSubjectKind, subjectId: string, category: Category) => `${subjectKind}:${subjectId}:${category}`;
