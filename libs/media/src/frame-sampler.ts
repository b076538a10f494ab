import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from './ffmpeg-runner';
import { durationFromLog, probeDurationMs } from './ffmpeg-probe';
import { readJpegSizes } from './jpeg-size';
import { InvalidMediaError, classifyFfmpegFailure } from './media-errors';
import { HASH_INPUT_SIZE, perceptualHash } from './perceptual-hash';
import { coverageProblem, durationProblem } from './sample-coverage';
import type { ImageContainer, VideoContainer } from '@qinglang/storage';

export { InvalidMediaError } from './media-errors';

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
  /**
   * Also write each frame's pixels, RGBA at the evidence size, beside its JPEG (`rawFramePath`): the frame
   * analysis threads read them instead of decoding the JPEG again, and the classifier deletes them once scored.
   */
  rawFrames?: boolean;
}

export interface VideoLimits {
  /** A longer video is refused with `media_too_long`; unset: no limit. */
  maxDurationSeconds?: number;
  /**
   * The first frame is taken at or after this position (ms), then one every interval: a pulled piece's frames
   * then fall on its stream's interval grid (every 5 s of stream time) instead of at the start of every piece, and
   * a piece that holds no such time is not decoded at all. Default 0.
   */
  firstAtMs?: number;
  /**
   * The caller's own measure of the input's length (a pulled piece: what its puller measured or was told). When
   * set, no probe runs first (each ffmpeg start blocks the event loop while the process forks: ~10–100 ms in a
   * 1 GB process, half the media stage's main-thread time with a probe per piece): the one run reads at most this
   * plus two intervals, and the duration ffmpeg logs on opening the input is checked as the probe's would be.
   */
  expectedDurationMs?: number;
}

interface RunMode {
  intervalSeconds: number;
  keyframesOnly: boolean;
  single?: boolean;
  maxDurationSeconds?: number;
  firstAtMs?: number;
  /** Read no further than this (s); default: the longest allowed. */
  readSeconds?: number;
}

const HASH_BYTES = HASH_INPUT_SIZE * HASH_INPUT_SIZE;
const UNBOUNDED_HASH_OUTPUT = 64 * 1024 * 1024;
// The muxer names each JPEG by its pts in this time base: the frame's time comes from ffmpeg's output itself.
const MS_TIME_BASE = '1:1000';
const FRAME_FILE = /^(-?\d+)\.jpg$/;
const RAW_EXTENSION = '.rgba';

/**
 * Where the sampler put the raw pixels of the frame whose evidence JPEG is `imagePath`: width × height × 4 bytes
 * (RGBA, rows top to bottom, the JPEG's size), until the classifier has scored the frame and deletes them.
 */
export function rawFramePath(imagePath: string): string {
  return imagePath.replace(/\.jpg$/, RAW_EXTENSION);
}

/**
 * Samples frames with ffmpeg: one every `intervalSeconds`, decoding only keyframes where their spacing allows.
 * One ffmpeg run writes the evidence JPEGs, each named by its time in ms, and, on stdout, a 32x32 grey copy of
 * each frame for its perceptual hash, so no frame is decoded twice and nothing depends on ffmpeg's log. The
 * demuxer is forced and only file/pipe protocols are allowed.
 */
export class FrameSampler {
  constructor(private readonly options: SamplerOptions) {}

  async sampleVideo(
    inputPath: string,
    container: VideoContainer,
    intervalSeconds: number,
    outputDir: string,
    limits: VideoLimits = {},
  ): Promise<SampleResult> {
    const { maxDurationSeconds, expectedDurationMs } = limits;
    const firstAtMs = Math.max(0, limits.firstAtMs ?? 0);
    await mkdir(outputDir, { recursive: true });
    const probed =
      expectedDurationMs === undefined
        ? await probeDurationMs(this.options.ffmpegPath, this.options.timeoutMs, input(inputPath, container))
        : undefined;
    const tooLong = probed === undefined ? undefined : durationProblem(probed, maxDurationSeconds);
    if (tooLong) throw tooLong;
    // No time of the interval grid inside this piece: nothing to sample, nothing to decode.
    if (firstAtMs > 0 && probed != null && firstAtMs >= probed)
      return { frames: [], durationMs: probed, keyframesOnly: true };
    const readSeconds = expectedDurationMs === undefined ? undefined : expectedDurationMs / 1000 + 2 * intervalSeconds;
    const mode = { intervalSeconds, maxDurationSeconds, firstAtMs, readSeconds };
    let keyframesOnly = true;
    const first = await this.run(inputPath, container, outputDir, { ...mode, keyframesOnly });
    const durationMs = probed === undefined ? first.durationMs : probed;
    if (probed === undefined) {
      const late = durationProblem(durationMs, maxDurationSeconds);
      if (late) throw late;
      if (firstAtMs > 0 && durationMs !== null && firstAtMs >= durationMs)
        return { frames: [], durationMs, keyframesOnly: true };
    }
    let frames = first.frames;
    if (!evenlySpaced(frames, durationMs, intervalSeconds, firstAtMs)) {
      // Keyframes too far apart for the interval (or none decodable on their own): decode every frame, keep one per interval.
      await this.clear(outputDir);
      keyframesOnly = false;
      frames = (await this.run(inputPath, container, outputDir, { ...mode, keyframesOnly })).frames;
    }
    const problem = coverageProblem({
      positionsMs: frames.length || !firstAtMs ? frames.map((f) => f.positionMs) : [firstAtMs],
      durationMs,
      intervalSeconds,
      maxDurationSeconds,
    });
    if (problem) throw problem;
    return { frames, durationMs, keyframesOnly };
  }

  async sampleImage(inputPath: string, container: ImageContainer, outputDir: string): Promise<SampledFrame> {
    const { frames } = await this.run(inputPath, container, outputDir, {
      intervalSeconds: 0,
      keyframesOnly: false,
      single: true,
    });
    if (!frames.length) throw new InvalidMediaError('invalid_image', 'The image could not be decoded.');
    return frames[0];
  }

  private async clear(outputDir: string): Promise<void> {
    await rm(outputDir, { recursive: true, force: true });
    await mkdir(outputDir, { recursive: true });
  }

  private async run(
    inputPath: string,
    container: VideoContainer | ImageContainer,
    outputDir: string,
    mode: RunMode,
  ): Promise<{ frames: SampledFrame[]; durationMs: number | null }> {
    await mkdir(outputDir, { recursive: true });
    const width = this.options.maxEvidenceWidth ?? 960;
    const spacing = (mode.intervalSeconds - 0.001).toFixed(3);
    const select = mode.single
      ? 'select=eq(n\\,0)'
      : mode.firstAtMs
        ? `select='if(isnan(prev_selected_t),gte(t,${(mode.firstAtMs / 1000 - 0.001).toFixed(3)}),gte(t-prev_selected_t,${spacing}))'`
        : `select='isnan(prev_selected_t)+gte(t-prev_selected_t,${spacing})'`;
    const raw = this.options.rawFrames ?? false;
    const graph = [
      `[0:v:0]${select},split=2[keep][hash]`,
      raw
        ? `[keep]scale='min(${width},iw)':-2,split=2[jpeg][pixels];[pixels]format=rgba[raw]`
        : `[keep]scale='min(${width},iw)':-2[jpeg]`,
      `[hash]scale=${HASH_INPUT_SIZE}:${HASH_INPUT_SIZE}:flags=area,format=gray[grey]`,
    ].join(';');
    // Decoding stops a little past the limit, so a container that understates its length cannot run long.
    const longest =
      mode.maxDurationSeconds === undefined ? undefined : mode.maxDurationSeconds + 2 * mode.intervalSeconds;
    const readSeconds =
      mode.readSeconds === undefined ? longest : Math.min(mode.readSeconds, longest ?? mode.readSeconds);
    const frameLimit = mode.single ? ['-frames:v', '1'] : [];
    // The same frames as the JPEGs (one scale, then a split), named by the same pts.
    const rawOutput = raw
      ? [
          '-map',
          '[raw]',
          '-c:v',
          'rawvideo',
          '-enc_time_base',
          MS_TIME_BASE,
          '-frame_pts',
          '1',
          ...frameLimit,
          '-f',
          'image2',
          join(outputDir, `%010d${RAW_EXTENSION}`),
        ]
      : [];
    const args = [
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'info',
      ...(mode.keyframesOnly ? ['-skip_frame', 'nokey'] : []),
      ...(readSeconds === undefined ? [] : ['-t', readSeconds.toFixed(3)]),
      ...input(inputPath, container),
      '-filter_complex',
      graph,
      '-vsync',
      'vfr',
      '-map',
      '[jpeg]',
      '-q:v',
      '3',
      '-enc_time_base',
      MS_TIME_BASE,
      '-frame_pts',
      '1',
      ...frameLimit,
      '-f',
      'image2',
      join(outputDir, '%010d.jpg'),
      ...rawOutput,
      '-map',
      '[grey]',
      // The same time base on the hash copy, so no two selected frames share a timestamp and get dropped there.
      '-enc_time_base',
      MS_TIME_BASE,
      ...frameLimit,
      '-f',
      'rawvideo',
      'pipe:1',
    ];
    const maxHashBytes = hashOutputBound(mode, readSeconds);
    let hashes: Buffer;
    let log: string;
    try {
      const ran = await runFfmpeg(this.options.ffmpegPath, args, this.options.timeoutMs, maxHashBytes);
      hashes = ran.stdout;
      log = ran.stderrHead;
    } catch (error) {
      throw classifyFfmpegFailure(error);
    }
    const files = (await readdir(outputDir))
      .map((name) => ({ name, match: FRAME_FILE.exec(name) }))
      .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
      .map((f) => ({ name: f.name, ptsMs: Number(f.match[1]) }))
      .sort((a, b) => a.ptsMs - b.ptsMs);
    // Both outputs come from one split of the same frames: any disagreement is a fault, never a shorter result.
    if (hashes.length !== files.length * HASH_BYTES) {
      throw new Error(
        `ffmpeg wrote ${files.length} evidence JPEGs but ${hashes.length / HASH_BYTES} hash images; sampling is retried`,
      );
    }
    const sizes = await readJpegSizes(files.map((f) => join(outputDir, f.name)));
    const frames = files.map((file, i) => ({
      // Without -copyts ffmpeg rebases timestamps to the input's start, so the pts is already the position.
      positionMs: Math.max(0, file.ptsMs),
      fileName: file.name,
      width: sizes[i].width,
      height: sizes[i].height,
      perceptualHash: perceptualHash(hashes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES)),
    }));
    return { frames, durationMs: durationFromLog(log) };
  }
}

/** The input with its demuxer forced and only file/pipe protocols allowed, for the probe and the runs alike. */
function input(inputPath: string, container: VideoContainer | ImageContainer): string[] {
  return ['-protocol_whitelist', 'file,pipe', '-f', container, '-i', `file:${inputPath}`];
}

/** True when the frames are never further apart than 1.5 intervals, from the first due time to the end of the video. */
function evenlySpaced(
  frames: SampledFrame[],
  durationMs: number | null,
  intervalSeconds: number,
  firstAtMs = 0,
): boolean {
  if (!frames.length) return false;
  const positions = frames.map((f) => f.positionMs);
  const end = durationMs ?? positions.at(-1) ?? 0;
  const gaps = [...positions, end].map((p, i, all) => p - (i === 0 ? firstAtMs : all[i - 1]));
  return Math.max(...gaps) <= intervalSeconds * 1.5 * 1000;
}

/** The most hash bytes a run can rightly print: one image per selected frame over the time it may read. */
function hashOutputBound(mode: RunMode, readSeconds: number | undefined): number {
  if (mode.single) return 2 * HASH_BYTES;
  if (readSeconds === undefined) return UNBOUNDED_HASH_OUTPUT;
  const spacing = Math.max(mode.intervalSeconds - 0.001, 0.001);
  return (Math.ceil(readSeconds / spacing) + 2) * HASH_BYTES;
}
