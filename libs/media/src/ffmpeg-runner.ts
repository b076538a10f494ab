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
  stderr: string;
}

const MAX_STDERR = 4 * 1024 * 1024;

/**
 * Runs ffmpeg with an argument vector (never a shell), kills it at the time limit, and bounds what it may print.
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
    let stderr = '';
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
      if (stderr.length < MAX_STDERR) stderr += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new FfmpegError(`ffmpeg could not start: ${error.message}`, '', false));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const tail = stderr.slice(-2000);
      if (timedOut) return reject(new FfmpegError(`ffmpeg exceeded its time limit of ${timeoutMs} ms`, tail, true));
      if (overflow) return reject(new FfmpegError(`ffmpeg produced more than ${maxStdoutBytes} bytes`, tail, false));
      if (code !== 0) return reject(new FfmpegError(`ffmpeg exited with ${code ?? signal}`, tail, false));
      resolve({ stdout: Buffer.concat(stdout), stderr });
    });
  });
}
