import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '@qinglang/persistence';

/**
 * The sweep's lease: one worker process sweeps at a time (taken by compare-and-set, given back after each run, taken
 * over once it lapses), so two workers never both act on one item and a crashed run is redone by the next holder.
 */
@Entity('retention_leases')
export class RetentionLease {
  @PrimaryColumn({ type: 'varchar', length: 32 }) name: string;
  @Column({ type: 'varchar', length: 128, nullable: true }) owner: string | null;
  @InstantColumn({ name: 'lease_until', nullable: true }) leaseUntil: Date | null;
}
