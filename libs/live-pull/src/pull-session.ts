import type { StreamSource } from '@qinglang/ingest';
import type { AddressPolicy } from '@qinglang/media';

/** A piece of a live stream, stored under DATA_DIR, ready for the segment pipeline. */
export interface PulledPiece {
  /** Identifies the piece within the stream (HLS media sequence, or its stream time for cut pieces). */
  key: string;
  mediaPath: string;
  sizeBytes: number;
  durationMs: number;
  /** HLS: the piece's media sequence number. */
  sequence?: number;
}

/** Why a pull stops for good; anything else thrown by a puller is a failure it reconnects after. */
export class PullEnded extends Error {
  constructor(
    readonly state: 'ended' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** The source answered 404/410: it ends if it stays gone for the reconnect grace period (it may not have started). */
export class SourceGone extends Error {}

/**
 * What a puller may do with the stream it holds. Every call is conditional on the lease: `lost` turns true when
 * another worker took the stream or the platform stopped it, and the puller then stops at once.
 */
export interface PullSession {
  readonly source: StreamSource;
  readonly signal: AbortSignal;
  readonly addresses: AddressPolicy;
  /** Where this stream's pieces are stored, as a path in the media store. */
  readonly directory: string;
  /** Stream time reached so far (ms): where the next piece starts, across reconnects and takeovers. */
  readonly offsetMs: number;
  /** HLS: the media sequence number of the last piece taken, across reconnects and takeovers. */
  readonly lastSequence: number | null;
  /** The local file a piece (or a work folder) at this stored path is written to before `take` stores it. */
  absolute(relativePath: string): string;
  /** Stores a piece written at `absolute(piece.mediaPath)`, queues it and moves the stream time on; false when the stream is no longer held. */
  take(piece: PulledPiece): Promise<boolean>;
  /** Connected and pulling (after a reconnect). */
  connected(): Promise<void>;
  /** A failure: the stream shows `reconnecting` with the reason. */
  failing(reason: string): Promise<void>;
}

/** Waits, or stops early when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** The bitrate check every piece passes: a source sending far more than a live stream would is refused. */
export function checkBitrate(sizeBytes: number, durationMs: number, maxKbps: number): void {
  const seconds = Math.max(durationMs, 1000) / 1000;
  const kbps = (sizeBytes * 8) / 1000 / seconds;
  if (kbps > maxKbps)
    throw new PullEnded(
      'failed',
      `The source sends ${Math.round(kbps)} kbit/s, over the limit of ${maxKbps} (LIVE_MAX_BITRATE_KBPS).`,
    );
}
