import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber, IdColumn, InstantColumn } from '@qinglang/persistence';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * A message to a platform (a sanction issued, expired, revoked, lifted), written in the same transaction as the
 * change it announces, so a crash can lose neither. `sequence` numbers a platform's events in commit order: the
 * poll feed pages by it; the dispatcher posts each one to the platform's webhook until it is acknowledged.
 */
@Entity('outbox_events')
@Index('uq_outbox_platform_sequence', ['platformId', 'sequence'], { unique: true })
@Index('ix_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ type: 'bigint', transformer: bigintNumber }) sequence: number;
  @Column({ type: 'varchar', length: 48 }) type: string;
  @IdColumn({ name: 'sanction_id' }) sanctionId: string;
  /** The exact JSON body posted to the webhook and returned by the feed. */
  @Column({ type: 'text' }) payload: string;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
  @Column({ type: 'varchar', length: 16 }) status: DeliveryStatus;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @InstantColumn({ name: 'next_attempt_at' }) nextAttemptAt: Date;
  /** A dispatcher holds the event until then; if it dies, another takes it after. */
  @InstantColumn({ name: 'lease_until', nullable: true }) leaseUntil: Date | null;
  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true }) lastError: string | null;
  @InstantColumn({ name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
}
