import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The flag hop looks up a room's streamer's own lines (their chat and the transcript) in the window. Without these
 * it read every line of the room in the window (3 million in ten minutes of a room at 5,000 lines/s) to keep a few.
 */
export class StreamerLinesIndexes1764500000000 implements MigrationInterface {
  name = 'StreamerLinesIndexes1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'text_lines',
      new TableIndex({ name: 'ix_text_lines_stream_sender_sent', columnNames: ['stream_id', 'sender_id', 'sent_at'] }),
    );
    await queryRunner.createIndex(
      'text_batches',
      new TableIndex({ name: 'ix_text_batches_stream_kind', columnNames: ['stream_id', 'kind'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('text_batches', 'ix_text_batches_stream_kind');
    await queryRunner.dropIndex('text_lines', 'ix_text_lines_stream_sender_sent');
  }
}
