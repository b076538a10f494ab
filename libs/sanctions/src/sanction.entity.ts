import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn, JsonObject } from '@qinglang/persistence';

/** A sanction on the ladder, or an interim action taken before review (a live stream interrupted). */
export type SanctionKind = 'sanction' | 'interim';
export type SanctionActionName =
  'warning' | 'suspension' | 'delisting' | 'chat_mute' | 'chat_ban' | 'account_ban' | 'stream_interruption';
/** Which ladder a sanction climbs: the creator's (per category) or the viewer's (chat, across categories). */
export type SanctionLadder = 'creator' | 'viewer';
/** Actions that end by themselves when their days are up. */
export const TIMED_ACTIONS: readonly SanctionActionName[] = ['suspension', 'chat_mute', 'chat_ban'];
/**
 * active: in force; expired: a suspension that ran its time; revoked: overturned on appeal (no longer a strike);
 * lifted: an interim action undone because review rejected the flag; replaced: an interim action superseded by
 * the sanction review confirmed.
 */
export type SanctionStatus = 'active' | 'expired' | 'revoked' | 'lifted' | 'replaced';

@Entity('sanctions')
@Index('uq_sanctions_violation', ['violationKey'], { unique: true })
@Index('ix_sanctions_account', ['accountId', 'category', 'issuedAt'])
@Index('ix_sanctions_flag', ['flagId'])
@Index('ix_sanctions_platform', ['platformId', 'issuedAt'])
@Index('ix_sanctions_due', ['status', 'endsAt'])
@Index('ix_sanctions_issued', ['issuedAt', 'id'])
export class Sanction {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @IdColumn({ name: 'account_id' }) accountId: string;
  @IdColumn({ name: 'flag_id' }) flagId: string;
  /**
   * One per violation and kind (`<flag id>`, `<flag id>:interim`, `<flag id>:<member account id>` for a cluster's
   * senders): retries and double clicks sanction once.
   */
  @Column({ name: 'violation_key', type: 'varchar', length: 100 }) violationKey: string;
  @Column({ type: 'varchar', length: 16 }) kind: SanctionKind;
  @Column({ type: 'varchar', length: 16, default: 'creator' }) ladder: SanctionLadder;
  @Column({ type: 'varchar', length: 16 }) category: string;
  @Column({ type: 'varchar', length: 24 }) action: SanctionActionName;
  @Column({ name: 'duration_days', type: 'integer', nullable: true }) durationDays: number | null;
  /** Which strike this is for the account in the category (1 = first), counting strikes still in the window. */
  @Column({ name: 'strike_number', type: 'integer', nullable: true }) strikeNumber: number | null;
  @Column({ type: 'varchar', length: 16 }) status: SanctionStatus;
  @Column({ name: 'reason_code', type: 'varchar', length: 64 }) reasonCode: string;
  @Column({ type: 'boolean' }) automated: boolean;
  /** Staff ids of the reviewers who confirmed (two where policy demands it); empty for automatic actions. */
  @Column({ name: 'decided_by', type: 'simple-json' }) decidedBy: string[];
  @Column({ name: 'policy_version', type: 'varchar', length: 64 }) policyVersion: string;
  @Column({ name: 'model_versions', type: 'simple-json' }) modelVersions: string[];
  /** What the platform must do to the content: cut the live stream, take the post down. */
  @Column({ name: 'content_action', type: 'simple-json', nullable: true }) contentAction: JsonObject | null;
  /** Monetary action: tip income frozen until a time. */
  @Column({ name: 'monetary_action', type: 'simple-json', nullable: true }) monetaryAction: JsonObject | null;
  /** The statement of reasons (EU DSA Art. 17): decision, ground, facts and evidence, automation, redress. */
  @Column({ type: 'simple-json' }) statement: JsonObject;
  @InstantColumn({ name: 'issued_at' }) issuedAt: Date;
  @InstantColumn({ name: 'ends_at', nullable: true }) endsAt: Date | null;
  @InstantColumn({ name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column({ name: 'end_reason', type: 'varchar', length: 1000, nullable: true }) endReason: string | null;
  /** Time from the flag opening to the decision, kept for transparency reports. */
  @InstantColumn({ name: 'flag_opened_at' }) flagOpenedAt: Date;
}
