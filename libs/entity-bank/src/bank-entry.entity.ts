import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';

/**
 * A contact, link, domain or QR payload a reviewer confirmed as an operator's: any later text, on-screen text or
 * QR code on the platform that carries it is evidence at once. Removing an entry keeps the row (who, when, why);
 * `activeKey` is set only while the entry is in force, so one value is banked at most once per platform.
 */
@Entity('bank_entries')
@Index('uq_bank_entries_active', ['platformId', 'activeKey'], { unique: true })
@Index('ix_bank_entries_lookup', ['platformId', 'value'])
export class BankEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  /** Canonical form (see canonicalEntity): what text is compared by. */
  @Column({ type: 'varchar', length: 500 }) value: string;
  /** The category evidence carrying it counts for. */
  @Column({ type: 'varchar', length: 16 }) category: string;
  @Column({ type: 'varchar', length: 1000 }) reason: string;
  /** The flag the reviewer found it on, if any. */
  @IdColumn({ name: 'source_flag_id', nullable: true }) sourceFlagId: string | null;
  @IdColumn({ name: 'added_by' }) addedBy: string;
  @InstantColumn({ name: 'added_at' }) addedAt: Date;
  @Column({ name: 'active_key', type: 'varchar', length: 520, nullable: true }) activeKey: string | null;
  @IdColumn({ name: 'removed_by', nullable: true }) removedBy: string | null;
  @InstantColumn({ name: 'removed_at', nullable: true }) removedAt: Date | null;
  @Column({ name: 'removal_reason', type: 'varchar', length: 1000, nullable: true }) removalReason: string | null;
}
