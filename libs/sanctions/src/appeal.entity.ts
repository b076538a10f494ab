import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';

export type AppealStatus = 'pending' | 'upheld' | 'revoked';

/** An account's appeal against a sanction, sent by its platform and decided by a senior reviewer. One per sanction. */
@Entity('appeals')
@Index('uq_appeals_sanction', ['sanctionId'], { unique: true })
@Index('ix_appeals_status', ['status', 'createdAt'])
export class Appeal {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @IdColumn({ name: 'sanction_id' }) sanctionId: string;
  @IdColumn({ name: 'account_id' }) accountId: string;
  @Column({ type: 'varchar', length: 5000 }) statement: string;
  @Column({ type: 'varchar', length: 16 }) status: AppealStatus;
  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true }) decidedBy: string | null;
  @Column({ name: 'decision_note', type: 'varchar', length: 2000, nullable: true }) decisionNote: string | null;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
  @InstantColumn({ name: 'decided_at', nullable: true }) decidedAt: Date | null;
}
