import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';

/** A platform's account (streamer or self-media author): the subject that sanctions will apply to. */
@Entity('accounts')
@Index('uq_accounts_platform_external', ['platformId', 'externalId'], { unique: true })
@Index('ix_accounts_identity', ['platformId', 'identityKey'])
export class Account {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ name: 'external_id', type: 'varchar', length: 128 }) externalId: string;
  /**
   * The person behind the account, as an HMAC under the server secret of the identity hash the platform sent:
   * comparable across the platform's accounts (ban evasion), useless to anyone who reads the table.
   */
  @Column({ name: 'identity_key', type: 'varchar', length: 64, nullable: true }) identityKey: string | null;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
}
