import { runFfmpeg } from './ffmpeg-runner';
import { classifyFfmpegFailure } from './media-errors';

const DURATION = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/;

/**
 * The container's duration in ms, read by opening the input without decoding it (null when the container does
 * not say, e.g. "Duration: N/A"). The log of a run that decodes nothing is a few lines, so the header is whole.
 * `input` is the demuxer, protocol and file arguments the sampler uses, so the probe reads exactly what it will.
 */
export async function probeDurationMs(ffmpegPath: string, timeoutMs: number, input: string[]): Promise<number | null> {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', ...input];
  // Mapping the first video stream makes a file without one fail here, with ffmpeg's own words.
  args.push('-map', '0:v:0', '-frames:v', '0', '-f', 'null', '-');
  let head: string;
  try {
    head = (await runFfmpeg(ffmpegPath, args, timeoutMs, 0)).stderrHead;
  } catch (error) {
    throw classifyFfmpegFailure(error);
  }
  return durationFromLog(head);
}

/** The input's duration in ms from the header ffmpeg logs when it opens it (any run's), or null. */
export function durationFromLog(head: string): number | null {
  const match = DURATION.exec(head);
  if (!match) return null;
  return Math.round((Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000);
}
