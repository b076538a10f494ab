import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber, InstantColumn } from '@qinglang/persistence';

/**
 * A signed statement "entry `seq` has hash `hash`". A compliance officer who keeps one can later show the log
 * only grew: the entry still has that hash and the chain from it to the head verifies.
 */
@Entity('audit_checkpoints')
export class AuditCheckpoint {
  @PrimaryColumn({ type: 'bigint', transformer: bigintNumber }) seq: number;
  @Column({ type: 'varchar', length: 64 }) hash: string;
  /** Ed25519 over `checkpointMessage(seq, hash)`, base64. */
  @Column({ type: 'varchar', length: 128 }) signature: string;
  /** Which key signed: the first 16 hex digits of the SHA-256 of its public key (DER). */
  @Column({ name: 'key_id', type: 'varchar', length: 16 }) keyId: string;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
}
