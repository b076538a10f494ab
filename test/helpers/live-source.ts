import { ChildProcess, spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { locateFfmpeg } from '@qinglang/media';
import { FIXTURES } from './test-app';

const FFMPEG = locateFfmpeg(process.env.FFMPEG_PATH).path;

/**
 * A live stream served on loopback from one of the media fixtures, looped endlessly and turned into a vertical
 * 720x1280 phone picture: the fixture's overlay lines land in the middle of the frame.
 */
export interface LiveSource {
  url: string;
  /** Stops the stream: HLS writes its end list, FLV and RTMP close. */
  end(): Promise<void>;
  close(): Promise<void>;
}

const VERTICAL = 'scale=720:-2,pad=720:1280:0:(oh-ih)/2,fps=10';
/** A small, cheap picture, for tests that run many streams at once. */
export const SMALL = 'scale=320:-2,fps=5';
const ENCODE = ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '10', '-an'];

function encoder(fixture: string, output: string[], filter = VERTICAL): ChildProcess {
  return spawn(
    FFMPEG,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-stream_loop',
      '-1',
      '-i',
      join(FIXTURES, fixture),
      '-vf',
      filter,
      ...ENCODE,
      ...output,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('close', resolve));
  child.kill(signal);
  await exited;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** ffmpeg writes a rolling live playlist (2-second segments); a small HTTP server serves its folder. */
export async function hlsSource(fixture: string, filter?: string): Promise<LiveSource> {
  const dir = mkdtempSync(join(tmpdir(), 'qinglang-hls-'));
  const ffmpeg = encoder(
    fixture,
    ['-f', 'hls', '-hls_time', '2', '-hls_list_size', '5', '-hls_flags', 'delete_segments', join(dir, 'index.m3u8')],
    filter,
  );
  const server = createServer((request, response) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(dir) || !existsSync(path)) return void response.writeHead(404).end();
    response.writeHead(200, {
      'Content-Type': path.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t',
    });
    createReadStream(path).pipe(response);
  });
  const port = await listen(server);
  // Serve once the playlist has its first segments, as a CDN would once the stream has started.
  for (let i = 0; i < 100 && !existsSync(join(dir, 'index.m3u8')); i++) await new Promise((r) => setTimeout(r, 100));
  return {
    url: `http://127.0.0.1:${port}/index.m3u8`,
    // SIGINT makes ffmpeg's HLS muxer finish: the playlist gets its #EXT-X-ENDLIST.
    end: () => stopProcess(ffmpeg, 'SIGINT'),
    close: async () => {
      await stopProcess(ffmpeg, 'SIGKILL');
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An endless HTTP-FLV body: each request gets the live stream from one ffmpeg, as a CDN edge serves it. */
export async function flvSource(fixture: string): Promise<LiveSource> {
  const encoders = new Set<ChildProcess>();
  let ended = false;
  const server = createServer((request, response) => {
    if (ended) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'video/x-flv' });
    const ffmpeg = encoder(fixture, ['-f', 'flv', 'pipe:1']);
    encoders.add(ffmpeg);
    ffmpeg.stdout!.pipe(response);
    ffmpeg.on('close', () => response.end());
    request.on('close', () => void stopProcess(ffmpeg, 'SIGKILL'));
  });
  const port = await listen(server);
  const stopAll = () => Promise.all([...encoders].map((e) => stopProcess(e, 'SIGKILL')));
  return {
    url: `http://127.0.0.1:${port}/live/room.flv`,
    end: async () => {
      ended = true;
      await stopAll();
    },
    close: async () => {
      ended = true;
      await stopAll();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** ffmpeg as a one-client RTMP server (`-listen 1`): it waits for the puller to connect, then streams. */
export async function rtmpSource(fixture: string): Promise<LiveSource> {
  const port = await freePort();
  const url = `rtmp://127.0.0.1:${port}/live/room`;
  const ffmpeg = encoder(fixture, ['-f', 'flv', '-listen', '1', url]);
  return { url, end: () => stopProcess(ffmpeg, 'SIGKILL'), close: () => stopProcess(ffmpeg, 'SIGKILL') };
}

async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
