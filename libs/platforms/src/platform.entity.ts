import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '@qinglang/persistence';

/** A platform is a machine client: it sends content and receives sanctions. Only the key's hash is kept. */
@Entity('platforms')
@Index('uq_platforms_name', ['name'], { unique: true })
@Index('uq_platforms_api_key_hash', ['apiKeyHash'], { unique: true })
export class Platform {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ name: 'api_key_hash', type: 'varchar', length: 64 }) apiKeyHash: string;
  /** The first characters of the key, so an operator can tell keys apart without holding them. */
  @Column({ name: 'api_key_prefix', type: 'varchar', length: 16 }) apiKeyPrefix: string;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
}
