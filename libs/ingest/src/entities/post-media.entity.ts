import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BigNumberColumn, IdColumn } from '@qinglang/persistence';

/** An image or video file attached to a post, stored under DATA_DIR. */
@Entity('post_media')
@Index('uq_post_media_position', ['postId', 'position'], { unique: true })
export class PostMedia {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'post_id' }) postId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'varchar', length: 8 }) kind: 'image' | 'video';
  @Column({ name: 'media_path', type: 'varchar', length: 1024 }) mediaPath: string;
  @Column({ name: 'original_name', type: 'varchar', length: 255, nullable: true }) originalName: string | null;
  @BigNumberColumn({ name: 'size_bytes' }) sizeBytes: number;
}
