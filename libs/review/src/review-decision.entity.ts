import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';

export type ReviewVerdict = 'confirm' | 'reject' | 'escalate';

/** One reviewer's decision on a flag, with the versions of policy and models it was made under. */
@Entity('review_decisions')
@Index('ix_review_decisions_flag', ['flagId', 'decidedAt'])
@Index('ix_review_decisions_platform', ['platformId', 'decidedAt'])
@Index('ix_review_decisions_decided', ['decidedAt', 'id'])
export class ReviewDecision {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'flag_id' }) flagId: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @IdColumn({ name: 'account_id' }) accountId: string;
  @IdColumn({ name: 'reviewer_id' }) reviewerId: string;
  @Column({ name: 'reviewer_role', type: 'varchar', length: 24 }) reviewerRole: string;
  @Column({ type: 'varchar', length: 16 }) verdict: ReviewVerdict;
  /** The category confirmed (a reviewer may correct the flag's), or the flag's for a rejection. */
  @Column({ type: 'varchar', length: 16 }) category: string;
  @Column({ name: 'reason_code', type: 'varchar', length: 64 }) reasonCode: string;
  @Column({ type: 'varchar', length: 2000, default: '' }) note: string;
  @Column({ name: 'policy_version', type: 'varchar', length: 64 }) policyVersion: string;
  @Column({ name: 'model_versions', type: 'simple-json' }) modelVersions: string[];
  @InstantColumn({ name: 'decided_at' }) decidedAt: Date;
}
