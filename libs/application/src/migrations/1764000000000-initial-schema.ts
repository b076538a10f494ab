import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndexOptions } from 'typeorm';

// Written with TypeORM's schema API rather than SQL so the one migration serves SQLite and PostgreSQL alike.
const id = (name = 'id', nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary: name === 'id',
  isNullable: nullable,
});
const text = (
  name: string,
  length: number,
  nullable = false,
  extra: Partial<TableColumnOptions> = {},
): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, ...extra });
const big = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const int = (name: string, nullable = false, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
  ...extra,
});
const unique = (name: string, columnNames: string[]): TableIndexOptions => ({ name, columnNames, isUnique: true });
const index = (name: string, columnNames: string[]): TableIndexOptions => ({ name, columnNames });
const failure = [text('failure_code', 64, true), text('failure_reason', 1000, true)];
const lifecycle = [big('created_at'), big('updated_at'), big('finished_at', true)];

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const tables: Array<{ name: string; columns: TableColumnOptions[]; indices?: TableIndexOptions[] }> = [
      {
        name: 'platforms',
        columns: [id(), text('name', 100), text('api_key_hash', 64), text('api_key_prefix', 16), big('created_at')],
        indices: [unique('uq_platforms_name', ['name']), unique('uq_platforms_api_key_hash', ['api_key_hash'])],
      },
      {
        name: 'accounts',
        columns: [id(), id('platform_id'), text('external_id', 128), big('created_at')],
        indices: [unique('uq_accounts_platform_external', ['platform_id', 'external_id'])],
      },
      {
        name: 'streams',
        columns: [
          id(),
          id('platform_id'),
          text('external_id', 128),
          id('account_id'),
          text('title', 500, false, { default: "''" }),
          int('viewer_count', false, { default: 0 }),
          text('status', 16),
          big('created_at'),
          big('updated_at'),
        ],
        indices: [unique('uq_streams_platform_external', ['platform_id', 'external_id'])],
      },
      {
        name: 'segments',
        columns: [
          id(),
          id('platform_id'),
          id('stream_id'),
          text('idempotency_key', 200, true),
          text('source', 8),
          text('source_url', 2048, true),
          text('original_name', 255, true),
          text('media_path', 1024, true),
          big('size_bytes', true),
          big('start_offset_ms'),
          int('duration_ms', true),
          text('stage', 16),
          ...failure,
          ...lifecycle,
        ],
        indices: [
          unique('uq_segments_platform_idempotency', ['platform_id', 'idempotency_key']),
          index('ix_segments_stage_updated', ['stage', 'updated_at']),
        ],
      },
      {
        name: 'posts',
        columns: [
          id(),
          id('platform_id'),
          text('external_id', 200),
          id('account_id'),
          { name: 'text', type: 'text', default: "''" },
          text('video_url', 2048, true),
          text('stage', 16),
          ...failure,
          ...lifecycle,
        ],
        indices: [
          unique('uq_posts_platform_external', ['platform_id', 'external_id']),
          index('ix_posts_stage_updated', ['stage', 'updated_at']),
        ],
      },
      {
        name: 'post_media',
        columns: [
          id(),
          id('post_id'),
          int('position'),
          text('kind', 8),
          text('media_path', 1024),
          text('original_name', 255, true),
          big('size_bytes'),
        ],
        indices: [unique('uq_post_media_position', ['post_id', 'position'])],
      },
      {
        name: 'text_batches',
        columns: [
          id(),
          id('platform_id'),
          id('stream_id'),
          text('kind', 16),
          text('idempotency_key', 200, true),
          int('line_count'),
          text('stage', 16),
          ...failure,
          ...lifecycle,
        ],
        indices: [
          unique('uq_text_batches_platform_idempotency', ['platform_id', 'idempotency_key']),
          index('ix_text_batches_stage_updated', ['stage', 'updated_at']),
        ],
      },
      {
        name: 'text_lines',
        columns: [
          id(),
          id('batch_id'),
          id('stream_id'),
          int('position'),
          big('sent_at'),
          text('sender_id', 128, true),
          { name: 'text', type: 'text' },
        ],
        indices: [
          unique('uq_text_lines_batch_position', ['batch_id', 'position']),
          index('ix_text_lines_stream_sent', ['stream_id', 'sent_at']),
        ],
      },
      {
        name: 'tip_batches',
        columns: [
          id(),
          id('platform_id'),
          id('stream_id'),
          text('idempotency_key', 200, true),
          int('event_count'),
          text('stage', 16),
          ...failure,
          ...lifecycle,
        ],
        indices: [
          unique('uq_tip_batches_platform_idempotency', ['platform_id', 'idempotency_key']),
          index('ix_tip_batches_stage_updated', ['stage', 'updated_at']),
        ],
      },
      {
        name: 'tip_events',
        columns: [
          id(),
          id('batch_id'),
          id('platform_id'),
          id('stream_id'),
          int('position'),
          text('tipper_id', 128),
          text('age_band', 8),
          text('amount', 32),
          text('currency', 3),
          text('gift_name', 100, true),
          big('sent_at'),
        ],
        indices: [
          unique('uq_tip_events_batch_position', ['batch_id', 'position']),
          index('ix_tip_events_stream_sent', ['stream_id', 'sent_at']),
          index('ix_tip_events_tipper', ['platform_id', 'tipper_id', 'sent_at']),
        ],
      },
      {
        name: 'frames',
        columns: [
          id(),
          id('platform_id'),
          text('source_kind', 16),
          id('source_id'),
          id('stream_id', true),
          big('position_ms'),
          big('stream_time_ms', true),
          text('image_path', 1024),
          int('width'),
          int('height'),
          text('perceptual_hash', 16),
          text('status', 16),
          id('duplicate_of_id', true),
          int('duplicate_distance', true),
          big('created_at'),
        ],
        indices: [
          unique('uq_frames_source_position', ['source_kind', 'source_id', 'position_ms']),
          index('ix_frames_stream_time', ['stream_id', 'stream_time_ms']),
        ],
      },
      {
        name: 'signals',
        columns: [
          id(),
          id('platform_id'),
          text('source_kind', 16),
          id('source_id'),
          text('model', 64),
          text('model_version', 64),
          { name: 'scores', type: 'text' },
          text('top_label', 32),
          big('created_at'),
        ],
        indices: [unique('uq_signals_source_model', ['source_kind', 'source_id', 'model'])],
      },
    ];
    for (const table of tables) await queryRunner.createTable(new Table(table), false, false, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'signals',
      'frames',
      'tip_events',
      'tip_batches',
      'text_lines',
      'text_batches',
      'post_media',
      'posts',
      'segments',
      'streams',
      'accounts',
      'platforms',
    ]) {
      await queryRunner.dropTable(name, true);
    }
  }
}
