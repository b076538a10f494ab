import { InvalidMediaError } from './media-errors';

export interface CoverageFacts {
  /** Positions of the sampled frames in ms, in order. */
  positionsMs: number[];
  /** The container's duration in ms; null when it does not say. */
  durationMs: number | null;
  intervalSeconds: number;
  /** Longest video accepted, in seconds; unset: no limit. */
  maxDurationSeconds?: number;
}

// The last sampled frame may sit up to an interval before the last decoded one, which itself lasts up to a
// second at 1 fps: more than two intervals (plus that second) short of the end means frames are missing.
const LAST_FRAME_SECONDS = 1;

/** Refuses a video whose container says it is longer than the limit, before anything is decoded. */
export function durationProblem(durationMs: number | null, maxDurationSeconds?: number): InvalidMediaError | undefined {
  if (maxDurationSeconds === undefined || durationMs === null || durationMs <= maxDurationSeconds * 1000) return;
  return new InvalidMediaError(
    'media_too_long',
    `The video lasts ${clock(durationMs)}, more than the ${clock(maxDurationSeconds * 1000)} this service accepts; send it in shorter parts.`,
  );
}

/**
 * Why a sampled video may not be called classified, or undefined when its frames cover it from start to end.
 * A video is classified only for the time it really sampled, so a short fall is a failure, never a shorter result.
 */
export function coverageProblem(facts: CoverageFacts): InvalidMediaError | undefined {
  const { positionsMs, durationMs, intervalSeconds, maxDurationSeconds } = facts;
  const last = positionsMs.at(-1);
  if (last === undefined) return new InvalidMediaError('no_frames', 'No frame of the video could be decoded.');
  // The container may understate its length; the frames themselves tell.
  if (maxDurationSeconds !== undefined && last > maxDurationSeconds * 1000) {
    return new InvalidMediaError(
      'media_too_long',
      `The video runs past ${clock(maxDurationSeconds * 1000)}, the most this service accepts; send it in shorter parts.`,
    );
  }
  const allowanceMs = (2 * intervalSeconds + LAST_FRAME_SECONDS) * 1000;
  if (durationMs !== null && durationMs - last > allowanceMs) {
    return new InvalidMediaError(
      'incomplete_coverage',
      `Frames could be sampled only up to ${clock(last)} of ${clock(durationMs)}; the rest of the video could not be decoded.`,
    );
  }
  return undefined;
}

/** h:mm:ss(.s), as a person reads a video's length. */
export function clock(ms: number): string {
  const tenths = Math.round(ms / 100);
  const seconds = Math.floor(tenths / 10) % 60;
  const minutes = Math.floor(tenths / 600) % 60;
  const hours = Math.floor(tenths / 36000);
  const fraction = tenths % 10 ? `.${tenths % 10}` : '';
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}${fraction}`;
}
