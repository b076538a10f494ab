import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FfmpegError, runFfmpeg } from './ffmpeg-runner';
import { HASH_INPUT_SIZE, perceptualHash } from './perceptual-hash';
import type { ImageContainer, VideoContainer } from '@qinglang/storage';

export interface SampledFrame {
  /** Time of the frame from the start of the input, in ms. */
  positionMs: number;
  fileName: string;
  width: number;
  height: number;
  perceptualHash: string;
}

export interface SampleResult {
  frames: SampledFrame[];
  durationMs: number | null;
  /** True when only keyframes were decoded; false when their spacing forced a full decode. */
  keyframesOnly: boolean;
}

export interface SamplerOptions {
  ffmpegPath: string;
  timeoutMs: number;
  /** Longest side of the JPEG kept as evidence. */
  maxEvidenceWidth?: number;
}

/** A media problem no retry can fix; the message is shown to the platform. */
export class InvalidMediaError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const HASH_BYTES = HASH_INPUT_SIZE * HASH_INPUT_SIZE;
const SHOWINFO = /pts_time:\s*(-?[\d.]+).*?\bs:(\d+)x(\d+)/;

/**
 * Samples frames with ffmpeg: one every `intervalSeconds`, decoding only keyframes where their spacing allows.
 * One ffmpeg run writes the evidence JPEGs and, on stdout, a 32x32 grey copy of each frame for its perceptual
 * hash, so no frame is decoded twice. The demuxer is forced and only file/pipe protocols are allowed.
 */
export class FrameSampler {
  constructor(private readonly options: SamplerOptions) {}

  async sampleVideo(
    inputPath: string,
    container: VideoContainer,
    intervalSeconds: number,
    outputDir: string,
  ): Promise<SampleResult> {
    const keyframes = await this.run(inputPath, container, outputDir, { intervalSeconds, keyframesOnly: true });
    const limit = intervalSeconds * 1.5 * 1000;
    const positions = keyframes.frames.map((f) => f.positionMs);
    const end = keyframes.durationMs ?? positions.at(-1) ?? 0;
    const gaps = [...positions, end].map((p, i, all) => p - (i === 0 ? 0 : all[i - 1]));
    if (positions.length > 0 && Math.max(...gaps) <= limit) return keyframes;
    // Keyframes too far apart for the interval (or none decodable on their own): decode every frame, keep one per interval.
    await this.clear(outputDir);
    return this.run(inputPath, container, outputDir, { intervalSeconds, keyframesOnly: false });
  }

  async sampleImage(inputPath: string, container: ImageContainer, outputDir: string): Promise<SampledFrame> {
    const result = await this.run(inputPath, container, outputDir, {
      intervalSeconds: 0,
      keyframesOnly: false,
      single: true,
    });
    if (!result.frames.length) throw new InvalidMediaError('invalid_image', 'The image could not be decoded.');
    return result.frames[0];
  }

  private async clear(outputDir: string): Promise<void> {
    await rm(outputDir, { recursive: true, force: true });
    await mkdir(outputDir, { recursive: true });
  }

  private async run(
    inputPath: string,
    container: VideoContainer | ImageContainer,
    outputDir: string,
    mode: { intervalSeconds: number; keyframesOnly: boolean; single?: boolean },
  ): Promise<SampleResult> {
    await mkdir(outputDir, { recursive: true });
    const width = this.options.maxEvidenceWidth ?? 960;
    const select = mode.single
      ? 'select=eq(n\\,0)'
      : `select='isnan(prev_selected_t)+gte(t-prev_selected_t,${(mode.intervalSeconds - 0.001).toFixed(3)})'`;
    const graph = [
      `[0:v:0]${select},split=2[keep][hash]`,
      `[keep]scale='min(${width},iw)':-2,showinfo[jpeg]`,
      `[hash]scale=${HASH_INPUT_SIZE}:${HASH_INPUT_SIZE}:flags=area,format=gray[grey]`,
    ].join(';');
    const args = [
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'info',
      '-protocol_whitelist',
      'file,pipe',
      ...(mode.keyframesOnly ? ['-skip_frame', 'nokey'] : []),
      '-f',
      container,
      '-i',
      `file:${inputPath}`,
      '-filter_complex',
      graph,
      '-vsync',
      'vfr',
      '-map',
      '[jpeg]',
      '-q:v',
      '3',
      ...(mode.single ? ['-frames:v', '1'] : []),
      '-f',
      'image2',
      join(outputDir, '%06d.jpg'),
      '-map',
      '[grey]',
      ...(mode.single ? ['-frames:v', '1'] : []),
      '-f',
      'rawvideo',
      'pipe:1',
    ];
    let run;
    try {
      run = await runFfmpeg(this.options.ffmpegPath, args, this.options.timeoutMs, 64 * 1024 * 1024);
    } catch (error) {
      if (error instanceof FfmpegError && !error.timedOut) throw classifyFfmpegFailure(error);
      throw error;
    }
    const duration = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(run.stderr);
    const durationMs = duration
      ? Math.round((Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])) * 1000)
      : null;
    const infos = run.stderr
      .split('\n')
      .filter((line) => line.includes('showinfo') && line.includes('pts_time:'))
      .map((line) => SHOWINFO.exec(line))
      .filter((m): m is RegExpExecArray => m !== null);
    const files = (await readdir(outputDir)).filter((f) => f.endsWith('.jpg')).sort();
    const count = Math.min(files.length, infos.length, Math.floor(run.stdout.length / HASH_BYTES));
    const frames: SampledFrame[] = [];
    for (let i = 0; i < count; i++) {
      frames.push({
        // Without -copyts ffmpeg rebases timestamps to the input's start, so pts_time is already the position.
        positionMs: Math.max(0, Math.round(Number(infos[i][1]) * 1000)),
        fileName: files[i],
        width: Number(infos[i][2]),
        height: Number(infos[i][3]),
        perceptualHash: perceptualHash(run.stdout.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES)),
      });
    }
    return { frames, durationMs, keyframesOnly: mode.keyframesOnly };
  }
}

/** Turns ffmpeg's own words into a stable code a platform can act on. */
function classifyFfmpegFailure(error: FfmpegError): InvalidMediaError | FfmpegError {
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
