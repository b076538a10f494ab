import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { guardedGet, refusedRange } from '@qinglang/media';
import type { AddressPolicy } from '@qinglang/media';
import { PullEnded, PullSession, SourceGone, checkBitrate } from './pull-session';

export interface CutPullLimits {
  ffmpegPath: string;
  pieceSeconds: number;
  maxPieceBytes: number;
  maxBitrateKbps: number;
  requestTimeoutMs: number;
  /** No piece for this long: the source counts as failing. */
  stallMs: number;
}

/** ffmpeg may speak only these to an RTMP source (and write its pieces and piece list locally). */
const RTMP_PROTOCOLS = 'rtmp,rtmps,tcp,tls';

/**
 * Pulls an endless stream (HTTP-FLV, RTMP) through one long-lived ffmpeg that copies its video, without decoding,
 * into MPEG-TS pieces of about `pieceSeconds` (cut at keyframes), which then take the segment pipeline. HTTP-FLV
 * bytes are fetched by Qinglang through the address guard and piped in; for RTMP, ffmpeg connects itself, to the
 * address Qinglang resolved and checked, with nothing but RTMP's protocols allowed.
 */
export async function pullByCutting(
  session: PullSession,
  protocol: 'flv' | 'rtmp',
  limits: CutPullLimits,
): Promise<void> {
  const { signal } = session;
  const input = protocol === 'rtmp' ? await checkedRtmpUrl(session.source.url, session.addresses) : null;
  // Work folders of this stream left by a run that was killed: the lease makes this worker the only one here.
  await removeStaleWorkDirs(session.absolute(session.directory));
  const workDir = session.absolute(`${session.directory}/cut-${Date.now()}`);
  await mkdir(workDir, { recursive: true });
  const args = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...(input
      ? ['-protocol_whitelist', RTMP_PROTOCOLS, '-rw_timeout', String(limits.requestTimeoutMs * 1000), '-i', input]
      : ['-f', 'flv', '-i', 'pipe:0']),
    '-map',
    '0:v:0',
    '-c',
    'copy',
    '-f',
    'segment',
    '-segment_time',
    String(limits.pieceSeconds),
    '-segment_format',
    'mpegts',
    '-reset_timestamps',
    '1',
    '-segment_list',
    'pipe:1',
    '-segment_list_type',
    'csv',
    '-segment_list_flags',
    'live',
    join(workDir, 'piece-%06d.ts'),
  ];
  const ffmpeg = spawn(limits.ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  // A spawn that fails (no memory, no file handles) is reported by the exit below, not thrown at the process.
  ffmpeg.on('error', (error) => (stderr = String(error)));
  ffmpeg.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<number | null>((resolve) => ffmpeg.on('close', (code) => resolve(code)));
  const stop = () => ffmpeg.kill('SIGKILL');
  signal.addEventListener('abort', stop, { once: true });
  if (signal.aborted) stop();
  let lastPiece = Date.now();
  let oversized = false;
  const stall = setInterval(() => {
    if (Date.now() - lastPiece > limits.stallMs) {
      stderr = `no piece for ${Math.round(limits.stallMs / 1000)} s`;
      stop();
    }
    // A source without keyframes grows one piece for ever: the size limit applies while it is written.
    void folderBytes(workDir).then((bytes) => {
      if (bytes > limits.maxPieceBytes * 2) {
        oversized = true;
        stop();
      }
    });
  }, 1000);
  const feeding = input ? Promise.resolve() : feedFlv(session, ffmpeg.stdin, limits);
  feeding.catch(() => stop());
  ffmpeg.stdin.on('error', () => undefined); // ffmpeg gone: the exit below says why
  try {
    let held = true;
    for await (const line of createInterface({ input: ffmpeg.stdout })) {
      const [name, start, end] = line.split(',');
      if (!name || end === undefined) continue;
      const startMs = Math.round(Number(start) * 1000);
      const durationMs = Math.max(0, Math.round(Number(end) * 1000) - startMs);
      const file = join(workDir, name);
      const sizeBytes = (await stat(file)).size;
      if (sizeBytes > limits.maxPieceBytes)
        throw new PullEnded('failed', `A ${limits.pieceSeconds}-second piece was ${sizeBytes} bytes, over the limit.`);
      checkBitrate(sizeBytes, durationMs, limits.maxBitrateKbps);
      // Keyed by the stream time the piece starts at: it goes on across reconnects (ffmpeg's own times start
      // again at 0) and takeovers, so no two pieces share a key or a time.
      const key = `cut:${session.offsetMs}`;
      // A name of its own: a worker racing for the same piece must never remove this worker's file.
      const mediaPath = `${session.directory}/piece-${session.offsetMs}-${randomBytes(4).toString('hex')}.ts`;
      await rename(file, session.absolute(mediaPath));
      held = await session.take({ key, mediaPath, sizeBytes, durationMs });
      lastPiece = Date.now();
      if (!held) break;
    }
    if (oversized) throw new PullEnded('failed', `A piece grew over the size limit of ${limits.maxPieceBytes} bytes.`);
    if (!held || signal.aborted) return;
    const [code, fed] = await Promise.all([
      exited,
      feeding.then(
        () => null,
        (error: Error) => error,
      ),
    ]);
    if (fed instanceof PullEnded) throw fed;
    if (fed) throw fed;
    // The stream stopped sending: a streamer's connection may drop for a moment, so it ends only if it stays
    // gone for the reconnect grace period.
    if (code === 0) throw new SourceGone(`The ${protocol === 'rtmp' ? 'RTMP' : 'HTTP-FLV'} stream stopped.`);
    throw new Error(`ffmpeg stopped (${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`.slice(0, 400));
  } finally {
    clearInterval(stall);
    signal.removeEventListener('abort', stop);
    stop();
    await exited;
    await rm(workDir, { recursive: true, force: true });
  }
}

async function feedFlv(session: PullSession, stdin: NodeJS.WritableStream, limits: CutPullLimits): Promise<void> {
  const response = await guardedGet(session.source.url, {
    ...session.addresses,
    timeoutMs: limits.requestTimeoutMs,
    endless: true,
    signal: session.signal,
  });
  if (response.status === 404 || response.status === 410) {
    response.body.resume();
    throw new SourceGone(`The stream is gone (HTTP ${response.status}).`);
  }
  if (response.status !== 200) {
    response.body.resume();
    throw new Error(`The stream answered HTTP ${response.status}.`);
  }
  await pipeline(response.body, stdin, { signal: session.signal });
}

async function folderBytes(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const sizes = await Promise.all(
    names.map((n) =>
      stat(join(dir, n)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

async function removeStaleWorkDirs(streamDir: string): Promise<void> {
  const names = await readdir(streamDir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith('cut-') && !n.endsWith('.ts'))
      .map((n) => rm(join(streamDir, n), { recursive: true, force: true })),
  );
}

/** The RTMP URL with its host replaced by the address it resolved to, after checking that address. */
export async function checkedRtmpUrl(raw: string, addresses: AddressPolicy): Promise<string> {
  const url = new URL(raw);
  if (url.protocol !== 'rtmp:' && url.protocol !== 'rtmps:')
    throw new PullEnded('failed', 'An RTMP source must be rtmp:// or rtmps://.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const { address, family } = await lookup(host).catch(() => {
    throw new Error(`The RTMP host ${host} does not resolve.`);
  });
  const refused = refusedRange(address, addresses);
  if (refused) throw new PullEnded('failed', `The RTMP host resolves to a ${refused} address, which is not pulled.`);
  url.hostname = family === 6 ? `[${address}]` : address;
  return url.href;
}
