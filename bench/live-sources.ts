import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo, Socket, createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Clips are made once and kept here between runs (the name changes whenever what they hold changes). */
const CLIP_VERSION = 'v1';
export const CLIP_SECONDS = 20;
const HLS_SEGMENT_MS = 2000;
const FPS = 30;
const SIZE = { width: 1280, height: 720 };
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/** What a room shows. Gambling rooms carry the fixture's gambling overlay and QR code for 6 s of every 20. */
export type ClipName = 'moving-benign' | 'moving-gambling' | 'still-caption' | 'still';

export interface Clip {
  name: ClipName;
  /** The clip as 2-second MPEG-TS segments, in order (a keyframe every second, so every segment starts on one). */
  segments: string[];
  flv: string;
}

export type Protocol = 'hls' | 'flv' | 'rtmp';

/** One synthetic live stream served from loopback. */
export interface ServedStream {
  index: number;
  protocol: Protocol;
  clip: ClipName;
  url: string;
  /**
   * Wall-clock time (ms) at which the frame at `streamTimeMs` of the pull was live at the source, given the pulled
   * piece's key; undefined when the source does not know yet (not connected).
   */
  wallTimeOf(streamTimeMs: number, positionMs: number, pieceKey: string): number | undefined;
  /** Times the puller connected (more than one: it reconnected, and the stream times no longer map). */
  connections: number;
}

function scaled(input: string): string {
  return `[${input}]scale=${SIZE.width}:${SIZE.height}:force_original_aspect_ratio=decrease,pad=${SIZE.width}:${SIZE.height}:(ow-iw)/2:(oh-ih)/2,fps=${FPS},setsar=1,format=yuv420p`;
}

/** The four rooms, 20 s each, 1280x720 at 30 fps, made from the committed fixtures and ffmpeg's own sources. */
async function clipFilter(name: ClipName, fixtures: string): Promise<{ inputs: string[]; filter: string }> {
  const moving = join(fixtures, 'segment-10s.ts');
  const caption = `drawtext=fontfile=${FONT}:text='ROOM 8812  WELCOME':fontsize=44:fontcolor=white:box=1:boxcolor=black@0.6:x=40:y=h-90`;
  switch (name) {
    case 'moving-benign':
    case 'moving-gambling': {
      const overlay = join(
        fixtures,
        name === 'moving-gambling' ? 'segment-gambling-overlay.ts' : 'segment-benign-overlay.ts',
      );
      // 10 s of moving picture, 6 s with the overlay (it appears), 4 s without (it goes).
      return {
        inputs: ['-i', moving, '-i', overlay, '-i', moving],
        filter: [
          `${scaled('0:v')},trim=duration=10,setpts=PTS-STARTPTS[a]`,
          `${scaled('1:v')},trim=duration=6,setpts=PTS-STARTPTS[b]`,
          `${scaled('2:v')},trim=duration=4,setpts=PTS-STARTPTS[c]`,
          '[a][b][c]concat=n=3:v=1:a=0[v]',
        ].join(';'),
      };
    }
    case 'still-caption':
      // A still room; a caption comes for 6 s of every 20.
      return {
        inputs: ['-loop', '1', '-t', String(CLIP_SECONDS), '-i', join(fixtures, 'image.png')],
        filter: `${scaled('0:v')},${caption}:enable='between(t,8,14)'[v]`,
      };
    case 'still':
      return {
        inputs: [
          '-f',
          'lavfi',
          '-i',
          `smptehdbars=size=${SIZE.width}x${SIZE.height}:rate=${FPS}:duration=${CLIP_SECONDS}`,
        ],
        filter: `[0:v]format=yuv420p[v]`,
      };
  }
}

/** Encodes each clip once (cached under `cacheDir`), then cuts it into HLS segments and remuxes it to FLV. */
export async function prepareClips(ffmpeg: string, fixtures: string, cacheDir: string): Promise<Map<ClipName, Clip>> {
  const root = join(cacheDir, `clips-${CLIP_VERSION}`);
  const names: ClipName[] = ['moving-benign', 'moving-gambling', 'still-caption', 'still'];
  const clips = new Map<ClipName, Clip>();
  await Promise.all(
    names.map(async (name) => {
      const dir = join(root, name);
      const done = join(dir, 'done.json');
      if (!existsSync(done)) {
        const work = `${dir}.tmp-${process.pid}`;
        await rm(work, { recursive: true, force: true });
        await mkdir(join(work, 'hls'), { recursive: true });
        const { inputs, filter } = await clipFilter(name, fixtures);
        const ts = join(work, 'clip.ts');
        await run(ffmpeg, [
          '-v',
          'error',
          '-y',
          ...inputs,
          '-filter_complex',
          filter,
          '-map',
          '[v]',
          '-t',
          String(CLIP_SECONDS),
          // A keyframe every second and none elsewhere: 2-second segments, keyframe-only sampling at any interval.
          '-c:v',
          'libx264',
          '-preset',
          'veryfast',
          '-threads',
          '1',
          '-g',
          String(FPS),
          '-keyint_min',
          String(FPS),
          '-sc_threshold',
          '0',
          '-b:v',
          '2500k',
          '-maxrate',
          '2500k',
          '-bufsize',
          '5000k',
          '-an',
          '-f',
          'mpegts',
          ts,
        ]);
        await run(ffmpeg, [
          '-v',
          'error',
          '-y',
          '-i',
          ts,
          '-c',
          'copy',
          '-f',
          'segment',
          '-segment_time',
          String(HLS_SEGMENT_MS / 1000),
          '-segment_format',
          'mpegts',
          join(work, 'hls', '%03d.ts'),
        ]);
        await run(ffmpeg, ['-v', 'error', '-y', '-i', ts, '-c', 'copy', '-f', 'flv', join(work, 'clip.flv')]);
        await writeFile(join(work, 'done.json'), JSON.stringify({ name, seconds: CLIP_SECONDS }));
        await rm(dir, { recursive: true, force: true });
        await rename(work, dir);
      }
      const count = CLIP_SECONDS / (HLS_SEGMENT_MS / 1000);
      const segments = Array.from({ length: count }, (_, i) => join(dir, 'hls', `${String(i).padStart(3, '0')}.ts`));
      await readFile(segments[count - 1]); // all there
      clips.set(name, { name, segments, flv: join(dir, 'clip.flv') });
    }),
  );
  return clips;
}

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

/**
 * Serves N live streams from loopback, cheaply: HLS from the pre-cut segment files with a sliding live playlist
 * computed from the clock (no encoder at all); HTTP-FLV and RTMP by one `ffmpeg -re -stream_loop -1 -c copy` per
 * stream (no encoding either). RTMP goes through a small TCP proxy that notes when the puller connected.
 */
export class LiveSourceFarm {
  readonly streams: ServedStream[] = [];
  /** ffmpeg processes serving FLV and RTMP: their CPU is the sources', not the service's. */
  readonly children = new Set<ChildProcess>();
  private readonly servers: Array<Server | ReturnType<typeof createTcpServer>> = [];
  private readonly sockets = new Set<Socket>();
  private closed = false;

  constructor(
    private readonly ffmpeg: string,
    private readonly clips: Map<ClipName, Clip>,
  ) {}

  async start(count: number, pick: (index: number) => { protocol: Protocol; clip: ClipName }): Promise<void> {
    const hls = new Map<number, { startedAt: number; rotate: number; clip: Clip }>();
    const flv = new Map<number, { clip: Clip; connectedAt?: number; connections: number }>();
    const http = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const hlsMatch = /^\/hls\/(\d+)\/(index\.m3u8|(\d+)\.ts)$/.exec(path);
      if (hlsMatch) {
        const stream = hls.get(Number(hlsMatch[1]));
        if (!stream) return void response.writeHead(404).end();
        const complete = Math.floor((Date.now() - stream.startedAt) / HLS_SEGMENT_MS);
        if (hlsMatch[3] === undefined) {
          const first = Math.max(0, complete - 5);
          const lines = [
            '#EXTM3U',
            '#EXT-X-VERSION:3',
            `#EXT-X-TARGETDURATION:${HLS_SEGMENT_MS / 1000}`,
            `#EXT-X-MEDIA-SEQUENCE:${first}`,
          ];
          for (let n = first; n < complete; n++)
            lines.push(`#EXTINF:${(HLS_SEGMENT_MS / 1000).toFixed(3)},`, `${n}.ts`);
          response.writeHead(200, { 'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': 'no-cache' });
          return void response.end(`${lines.join('\n')}\n`);
        }
        const n = Number(hlsMatch[3]);
        if (n >= complete || n < complete - 8) return void response.writeHead(404).end();
        const file = stream.clip.segments[(n + stream.rotate) % stream.clip.segments.length];
        response.writeHead(200, { 'Content-Type': 'video/mp2t' });
        return void createReadStream(file).pipe(response);
      }
      const flvMatch = /^\/flv\/(\d+)\.flv$/.exec(path);
      const stream = flvMatch && flv.get(Number(flvMatch[1]));
      if (!stream || this.closed) return void response.writeHead(404).end();
      stream.connections++;
      stream.connectedAt ??= Date.now();
      response.writeHead(200, { 'Content-Type': 'video/x-flv' });
      const child = this.serve(['-f', 'flv', 'pipe:1'], stream.clip.flv);
      child.stdout!.pipe(response);
      child.on('close', () => response.end());
      request.on('close', () => child.kill('SIGKILL'));
    });
    const httpPort = await listen(http);
    this.servers.push(http);
    for (let index = 0; index < count; index++) {
      const { protocol, clip: clipName } = pick(index);
      const clip = this.clips.get(clipName)!;
      if (protocol === 'hls') {
        // Live for three segments already, so the first playlist has a live window; rooms start at varied points.
        const entry = { startedAt: Date.now() - 3 * HLS_SEGMENT_MS, rotate: (index * 3) % clip.segments.length, clip };
        hls.set(index, entry);
        this.streams.push({
          index,
          protocol,
          clip: clipName,
          url: `http://127.0.0.1:${httpPort}/hls/${index}/index.m3u8`,
          connections: 1,
          wallTimeOf: (_streamTimeMs, positionMs, pieceKey) => {
            const sequence = Number(pieceKey.split(':').at(-1));
            return Number.isFinite(sequence) ? entry.startedAt + sequence * HLS_SEGMENT_MS + positionMs : undefined;
          },
        });
      } else if (protocol === 'flv') {
        const entry: { clip: Clip; connectedAt?: number; connections: number } = { clip, connections: 0 };
        flv.set(index, entry);
        this.streams.push({
          index,
          protocol,
          clip: clipName,
          url: `http://127.0.0.1:${httpPort}/flv/${index}.flv`,
          get connections() {
            return entry.connections;
          },
          wallTimeOf: (streamTimeMs) =>
            entry.connectedAt === undefined ? undefined : entry.connectedAt + streamTimeMs,
        });
      } else {
        this.streams.push(await this.rtmp(index, clip));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const child of this.children) child.kill('SIGKILL');
    for (const socket of this.sockets) socket.destroy();
    for (const server of this.servers) {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    }
  }

  /** ffmpeg sending the clip at its own pace, endlessly, without re-encoding. */
  private serve(output: string[], flv: string): ChildProcess {
    const child = spawn(
      this.ffmpeg,
      ['-hide_banner', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', flv, '-c', 'copy', ...output],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    this.children.add(child);
    child.on('close', () => this.children.delete(child));
    return child;
  }

  /** A one-client ffmpeg RTMP server behind a TCP proxy; started again whenever its client goes. */
  private async rtmp(index: number, clip: Clip): Promise<ServedStream> {
    const probe = createTcpServer();
    const backendPort = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    const entry: { connectedAt?: number; connections: number } = { connections: 0 };
    const startServer = () => {
      if (this.closed) return;
      const child = this.serve(['-f', 'flv', '-listen', '1', `rtmp://127.0.0.1:${backendPort}/live/room`], clip.flv);
      child.on('close', () => setTimeout(startServer, 200));
    };
    startServer();
    const proxy = createTcpServer((client) => {
      entry.connections++;
      entry.connectedAt ??= Date.now();
      this.sockets.add(client);
      const connect = (attempt: number) => {
        const backend = new Socket();
        this.sockets.add(backend);
        backend.once('error', () => {
          backend.destroy();
          if (attempt < 20 && !this.closed) setTimeout(() => connect(attempt + 1), 100);
          else client.destroy();
        });
        backend.connect(backendPort, '127.0.0.1', () => {
          client.pipe(backend).pipe(client);
          client.on('close', () => backend.destroy());
          backend.on('close', () => client.destroy());
        });
      };
      client.on('error', () => undefined);
      connect(0);
    });
    const port = await listen(proxy);
    this.servers.push(proxy);
    return {
      index,
      protocol: 'rtmp',
      clip: clip.name,
      url: `rtmp://127.0.0.1:${port}/live/room`,
      get connections() {
        return entry.connections;
      },
      wallTimeOf: (streamTimeMs) => (entry.connectedAt === undefined ? undefined : entry.connectedAt + streamTimeMs),
    };
  }
}
