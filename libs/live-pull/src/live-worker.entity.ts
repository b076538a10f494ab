import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '@qinglang/persistence';

/** A worker process that pulls streams, seen alive until `seenUntil`: how the streams are shared out evenly. */
@Entity('live_workers')
export class LiveWorker {
  @PrimaryColumn({ type: 'varchar', length: 128 }) id: string;
  @Column({ type: 'integer' }) capacity: number;
  @InstantColumn({ name: 'seen_until' }) seenUntil: Date;
}
