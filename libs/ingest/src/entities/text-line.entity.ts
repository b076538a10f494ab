import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@qinglang/persistence';

@Entity('text_lines')
@Index('uq_text_lines_batch_position', ['batchId', 'position'], { unique: true })
@Index('ix_text_lines_stream_sent', ['streamId', 'sentAt'])
@Index('ix_text_lines_stream_sender_sent', ['streamId', 'senderId', 'sentAt'])
export class TextLine {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @IdColumn({ name: 'batch_id' }) batchId: string;
  @IdColumn({ name: 'stream_id' }) streamId: string;
  @Column({ type: 'integer' }) position: number;
  @InstantColumn({ name: 'sent_at' }) sentAt: Date;
  @Column({ name: 'sender_id', type: 'varchar', length: 128, nullable: true }) senderId: string | null;
  @Column({ type: 'text' }) text: string;
}
