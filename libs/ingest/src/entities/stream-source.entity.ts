import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BigNumberColumn, IdColumn, InstantColumn } from '@qinglang/persistence';

export const SOURCE_PROTOCOLS = ['hls', 'flv', 'rtmp'] as const;
export type SourceProtocol = (typeof SOURCE_PROTOCOLS)[number];
/**
 * `pending` (no worker yet), `pulling`, `reconnecting` (the source failed; retrying with backoff), and the two
 * ends: `ended` (the source finished or the platform stopped it) and `failed` (gave up, with `lastError`).
 */
export type SourceState = 'pending' | 'pulling' | 'reconnecting' | 'ended' | 'failed';
export const ACTIVE_SOURCE_STATES: SourceState[] = ['pending', 'pulling', 'reconnecting'];

/**
 * A live stream that Qinglang pulls itself, by URL. The row is also the lease that gives the stream to one worker
 * process: taken by compare-and-set, renewed while pulling, taken over by another worker once it lapses.
 */
@Entity('stream_sources')
@Index('ix_stream_sources_state_lease', ['state', 'leaseUntil'])
export class StreamSource {
  @PrimaryColumn({ name: 'stream_id', type: 'varchar', length: 36 }) streamId: string;
  @IdColumn({ name: 'platform_id' }) platformId: string;
  @Column({ type: 'varchar', length: 2048 }) url: string;
  @Column({ type: 'varchar', length: 8 }) protocol: SourceProtocol;
  @Column({ type: 'varchar', length: 16 }) state: SourceState;
  /** The worker process holding the stream, and until when. */
  @Column({ name: 'lease_owner', type: 'varchar', length: 128, nullable: true }) leaseOwner: string | null;
  @InstantColumn({ name: 'lease_until', nullable: true }) leaseUntil: Date | null;
  /** HLS: the media sequence number of the last segment taken, so a worker taking over never takes one twice. */
  @BigNumberColumn({ name: 'last_sequence', nullable: true }) lastSequence: number | null;
  /** Stream time reached, in ms from the start of the pull: where the next piece starts. */
  @BigNumberColumn({ name: 'offset_ms' }) offsetMs: number;
  @Column({ name: 'pieces_pulled', type: 'integer' }) piecesPulled: number;
  @InstantColumn({ name: 'last_piece_at', nullable: true }) lastPieceAt: Date | null;
  /** Consecutive failures; reset by a piece pulled. */
  @Column({ type: 'integer' }) failures: number;
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true }) lastError: string | null;
  /** The sampling tier the last piece was taken at (policy `sampling`), and its interval. */
  @Column({ name: 'sampling_tier', type: 'varchar', length: 16, nullable: true }) samplingTier: string | null;
  @Column({ name: 'sample_interval_ms', type: 'integer', nullable: true }) sampleIntervalMs: number | null;
  @InstantColumn({ name: 'created_at' }) createdAt: Date;
  @InstantColumn({ name: 'updated_at' }) updatedAt: Date;
  @InstantColumn({ name: 'ended_at', nullable: true }) endedAt: Date | null;
}
