import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';
import type { FLAG_CATEGORIES } from './category';

/** A stream, a post, an account (across its streams and posts, or a viewer's chat), or a cluster (a flood in a room). */
export type FlagSubjectKind = 'stream' | 'post' | 'account' | 'cluster';
/**
 * Whose conduct a flag is about: the creator's (streamer or author: stream, post and account flags), one viewer's
 * chat (a viewer flag), a cluster of senders flooding a room with one line or one contact (decided once, each
 * sender sanctioned on the viewer ladder), or the room's, when policy holds its streamer answerable for a flood
 * they joined or let run (a stream flag of its own, confirmed only with the reason `room_flooded`).
 */
export const FLAG_PARTIES = ['creator', 'viewer', 'cluster', 'room'] as const;
export type FlagParty = (typeof FLAG_PARTIES)[number];
export type FlagStatus = 'open' | 'closed';
/**
 * Where the flag stands in review: waiting (`pending`), sent up to a senior reviewer (`escalated`), confirmed by
 * one reviewer and waiting for a second (`awaiting_second`), or decided (`confirmed`, `rejected`: then closed).
 */
export type ReviewState = 'pending' | 'escalated' | 'awaiting_second' | 'confirmed' | 'rejected' | 'merged';
/** Review states that are a reviewer's decision on the evidence (`merged`: folded into another flag, undecided). */
export const DECIDED_STATES: readonly ReviewState[] = ['confirmed', 'rejected'];
/** What flags are about: the classifier's categories, and a new account of a person whose account was delisted. */
export type FlagCategory = (typeof FLAG_CATEGORIES)[number];

/**
 * A suspected violation of one category by one subject (a stream, a post, or an account across several of
 * them), opened when its signals pass the
 * policy threshold. While it is open, new evidence attaches to it: `openKey` is set only while open and is
 * unique, so there is one open flag per subject and category even with concurrent workers.
 */
@Entity('flags')
@Index('uq_flags_open_key', ['openKey'], { unique: true })
@Index('ix_flags_platform_status', ['platformId', 'status', 'openedAt'])
@Index('ix_flags_review', ['status', 'reviewState'])
@Index('ix_flags_opened', ['openedAt', 'id'])
export class Flag {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ name: 'subject_kind', type: 'varchar', length: 16 }) subjectKind: FlagSubjectKind;
  @IdColumn({ name: 'subject_id' }) subjectId: string;
  /**
   * The account answerable for the subject: the streamer, the post's author, the viewer; for a cluster its first
   * sender (every sender is listed in its evidence and sanctioned on their own).
   */
  @IdColumn({ name: 'account_id' }) accountId: string;
  @Column({ type: 'varchar', length: 16, default: 'creator' }) party: FlagParty;
  /**
   * The flag that settled this one: a confirmation of a flag sharing its evidence (the same conduct, no second
   * strike), or the cluster it was merged into.
   */
  @IdColumn({ name: 'linked_to', nullable: true }) linkedTo: string | null;
  @Column({ type: 'varchar', length: 16 }) category: FlagCategory;
  @Column({ type: 'varchar', length: 16 }) status: FlagStatus;
  @Column({ name: 'open_key', type: 'varchar', length: 100, nullable: true }) openKey: string | null;
  @Column({ type: 'real' }) confidence: number;
  @Column({ name: 'evidence_count', type: 'integer' }) evidenceCount: number;
  @Column({ name: 'model_versions', type: 'simple-json' }) modelVersions: string[];
  @Column({ name: 'policy_version', type: 'varchar', length: 64 }) policyVersion: string;
  @InstantColumn({ name: 'opened_at' }) openedAt: Date;
  @InstantColumn({ name: 'updated_at' }) updatedAt: Date;
  @Column({ name: 'review_state', type: 'varchar', length: 16, default: 'pending' }) reviewState: ReviewState;
  /** The reviewer holding the flag, until claimExpiresAt; after that anyone may claim it. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 36, nullable: true }) claimedBy: string | null;
  @InstantColumn({ name: 'claim_expires_at', nullable: true }) claimExpiresAt: Date | null;
  /** Queue order before aging: category severity, confidence and the stream's audience. */
  @Column({ type: 'real', default: 0 }) priority: number;
  /** Viewers of the stream when the flag last grew. */
  @Column({ type: 'integer', default: 0 }) audience: number;
  @InstantColumn({ name: 'decided_at', nullable: true }) decidedAt: Date | null;
}

export const openKeyOf = (
  subjectKind: FlagSubjectKind,
  subjectId: string,
  category: FlagCategory,
  party: FlagParty = 'creator',
) =>
  // One cluster per room whatever the category (a flood mixes its ads); one viewer flag per viewer and category.
  party === 'cluster'
    ? `cluster:${subjectId}`
    : `${party === 'viewer' ? 'viewer' : subjectKind}:${subjectId}:${category}`;
