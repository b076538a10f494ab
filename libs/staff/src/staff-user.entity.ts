import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '@qinglang/persistence';

export const STAFF_ROLES = ['reviewer', 'senior_reviewer', 'compliance'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A person who reviews flags or audits sanctions. Only the token's hash is kept, as for platform keys. */
@Entity('staff_users')
@Index('uq_staff_users_name', ['name'], { unique: true })
@Index('uq_staff_users_token_hash', ['tokenHash'], { unique: true })
export class StaffUser {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 24 }) role: StaffRole;
  @Column({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ name: 'token_prefix', type: 'varchar', length: 16 }) tokenPrefix: string;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
  /** When the current token was issued (null: at creation); it expires the policy's lifetime after. */
  @InstantColumn({ name: 'token_issued_at', nullable: true }) tokenIssuedAt: Date | null;
  /** Set when an operator revoked the person's access: their token stops working at once. */
  @InstantColumn({ name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}
