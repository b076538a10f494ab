import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '@qinglang/persistence';

/**
 * Where a platform receives its events. The signing secret is not stored: it derives from the server secret and
 * `secretId`, so rotating it is a new `secretId`.
 */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryColumn({ name: 'platform_id', type: 'varchar', length: 36 }) platformId: string;
  @Column({ type: 'varchar', length: 2048 }) url: string;
  @Column({ name: 'secret_id', type: 'varchar', length: 36 }) secretId: string;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
  @InstantColumn({ name: 'updated_at' }) updatedAt: Date;
}
