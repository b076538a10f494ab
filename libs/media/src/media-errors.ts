import { FfmpegError } from './ffmpeg-runner';

/** A media problem no retry can fix; the message is shown to the platform. */
export class InvalidMediaError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Turns ffmpeg's own words into a stable code a platform can act on; a time-out stays retryable. */
export function classifyFfmpegFailure(error: unknown): unknown {
  if (!(error instanceof FfmpegError) || error.timedOut) return error;
  const tail = error.stderrTail;
  if (/matches no streams|does not contain any stream|Output file #0 does not contain/i.test(tail)) {
    return new InvalidMediaError('no_video_stream', 'The file has no video stream.');
  }
  if (
    /Invalid data found|could not find codec|moov atom not found|Error while decoding|Invalid argument|not allowed|Protocol not found/i.test(
      tail,
    )
  ) {
    return new InvalidMediaError('invalid_media', `ffmpeg could not read the file: ${lastLine(tail)}`);
  }
  return error;
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).at(-1)?.slice(0, 300) ?? '';
}
