import { spawn } from 'node:child_process';

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
 * and the tail that explains a failure is never the part that was dropped.
 */
export function runFfmpeg(
  binary: string,
  args: string[],
  timeoutMs: number,
  maxStdoutBytes: number,
): Promise<FfmpegRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let head = '';
    let tail = '';
    let timedOut = false;
    let overflow = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdoutBytes) {
        overflow = true;
        child.kill('SIGKILL');
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (head.length < MAX_STDERR_HEAD) head += chunk.slice(0, MAX_STDERR_HEAD - head.length);
      tail = (tail + chunk).slice(-STDERR_TAIL);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new FfmpegError(`ffmpeg could not start: ${error.message}`, '', false));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return reject(new FfmpegError(`ffmpeg exceeded its time limit of ${timeoutMs} ms`, tail, true));
      if (overflow) return reject(new FfmpegError(`ffmpeg produced more than ${maxStdoutBytes} bytes`, tail, false));
      if (code !== 0) return reject(new FfmpegError(`ffmpeg exited with ${code ?? signal}`, tail, false));
      resolve({ stdout: Buffer.concat(stdout), stderrHead: head, stderrTail: tail });
    });
  });
}
