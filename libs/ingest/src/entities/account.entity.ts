import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';

/** A platform's account (streamer or self-media author): the subject that sanctions will apply to. */
@Entity('accounts')
@Index('uq_accounts_platform_external', ['platformId', 'externalId'], { unique: true })
export class Account {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ name: 'external_id', type: 'varchar', length: 128 }) externalId: string;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
}
