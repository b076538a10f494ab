import { ffmpegSpawner } from './ffmpeg-spawner';

export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly stderrTail: string,
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}

export interface FfmpegRun {
  stdout: Buffer;
  /** The first MAX_STDERR_HEAD characters: the input's header (Duration, streams). Anything later may be cut. */
  stderrHead: string;
  /** The last STDERR_TAIL characters, whatever the length of the log: ffmpeg's final words. */
  stderrTail: string;
}

const MAX_STDERR_HEAD = 1024 * 1024;
const STDERR_TAIL = 4000;

/**
 * Runs ffmpeg with an argument vector (never a shell), kills it at the time limit, and bounds what it may print.
 * Its log is kept as a bounded head and a rolling tail, so neither a long run nor a chatty one grows memory,
 * and the tail that explains a failure is never the part that was dropped. ffmpeg is started from a small helper
 * process (see FfmpegSpawner): forking this one would block its event loop for ~100 ms a run.
 */
export async function runFfmpeg(
  binary: string,
  args: string[],
  timeoutMs: number,
  maxStdoutBytes: number,
): Promise<FfmpegRun> {
  const run = await ffmpegSpawner.run({
    binary,
    args,
    timeoutMs,
    maxStdoutBytes,
    maxStderrHead: MAX_STDERR_HEAD,
    stderrTail: STDERR_TAIL,
  });
  const tail = run.stderrTail;
  if (run.ok) return { stdout: run.stdout ?? Buffer.alloc(0), stderrHead: run.stderrHead, stderrTail: tail };
  if (run.notStarted) throw new FfmpegError(`ffmpeg could not start: ${run.message}`, '', false);
  if (run.timedOut) throw new FfmpegError(`ffmpeg exceeded its time limit of ${timeoutMs} ms`, tail, true);
  if (run.message === 'overflow')
    throw new FfmpegError(`ffmpeg produced more than ${maxStdoutBytes} bytes`, tail, false);
  throw new FfmpegError(run.message ?? 'ffmpeg failed', tail, false);
}
