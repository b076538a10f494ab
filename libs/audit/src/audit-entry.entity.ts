import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber, InstantColumn } from '@qinglang/persistence';

/**
 * One line of the audit log. Entries are only ever appended: each one's hash covers its canonical content and
 * the previous entry's hash, so changing or removing any entry breaks the chain from there on.
 */
@Entity('audit_entries')
@Index('ix_audit_entries_platform', ['platformId', 'seq'])
@Index('ix_audit_entries_subject', ['subjectKind', 'subjectId'])
export class AuditEntry {
  /** 1, 2, 3, ... without gaps: a missing number is a deleted entry. */
  @PrimaryColumn({ type: 'bigint', transformer: bigintNumber }) seq: number;
  @InstantColumn({ name: 'recorded_at' }) recordedAt: Date;
  @Column({ type: 'varchar', length: 48 }) action: string;
  @Column({ name: 'actor_kind', type: 'varchar', length: 16 }) actorKind: string;
  @Column({ name: 'actor_id', type: 'varchar', length: 64 }) actorId: string;
  @Column({ name: 'platform_id', type: 'varchar', length: 36, nullable: true }) platformId: string | null;
  @Column({ name: 'subject_kind', type: 'varchar', length: 24 }) subjectKind: string;
  @Column({ name: 'subject_id', type: 'varchar', length: 64 }) subjectId: string;
  /** Canonical JSON (sorted keys), kept as the exact text that was hashed. */
  @Column({ type: 'text' }) data: string;
  @Column({ name: 'prev_hash', type: 'varchar', length: 64 }) prevHash: string;
  @Column({ type: 'varchar', length: 64 }) hash: string;
}
