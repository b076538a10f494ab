import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { loadConfig } from '@qinglang/config';
import { FrameAnalysisService, OnnxNsfwModel } from '@qinglang/classifier';
import { PlatformsService } from '@qinglang/platforms';
import { StreamsService } from '@qinglang/ingest';
import { createApplication } from '@qinglang/application';
import { locateFfmpeg } from '@qinglang/media';
import { QUEUE_DRIVER, QueueDriver } from '@qinglang/queue';
import { ClipName, LiveSourceFarm, Protocol, prepareClips } from './live-sources';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const PAGE_BYTES = 4096;
const TARGET_P95_MS = 3000;
const DEFAULT_INTERVAL_SECONDS = 5; // config/policy.yaml's default sampling tier
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LiveOptions {
  streams?: number;
  seconds: number;
  warmupSeconds: number;
  findMax: boolean;
}

export interface LiveRun {
  streams: number;
  holds: boolean;
  why: string;
  framesSampledPerSecond: number;
  framesClassifiedPerSecond: number;
  nearDuplicateShare: number;
  p50FrameToSignalMs: number;
  p95FrameToSignalMs: number;
  p50FrameToFlagMs: number | null;
  p95FrameToFlagMs: number | null;
  framesDue: number;
  framesSampled: number;
  unfinishedFrames: number;
  backlogStart: number;
  backlogEnd: number;
  backlogGrows: boolean;
  /** Jobs waiting, delayed or running per queue at the window's end: which stage holds the backlog. */
  queuesAtEnd: Record<string, number>;
  serviceCores: number;
  mainThreadCores: number;
  ffmpegCores: number;
  sourceCores: number;
  cpuPercentPerStream: number;
  rssMb: number;
  eventLoopP99Ms: number;
  streamsFlagged: number;
  reconnects: number;
  analysis: FrameAnalysisService['totals'] | null;
}

function parse(argv: string[]): LiveOptions {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : undefined;
  };
  return {
    streams: value('--streams'),
    seconds: value('--seconds') ?? 30,
    warmupSeconds: value('--warmup') ?? 12,
    findMax: argv.includes('--find-max'),
  };
}

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function median(values: number[]): number {
  return percentile(values, 50);
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** utime + stime (ticks) of a process or thread from its stat file; 0 when it is gone. */
function ticks(statPath: string, withChildren = false): number {
  try {
    const fields = readFileSync(statPath, 'utf8');
    const rest = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
    const own = Number(rest[11]) + Number(rest[12]);
    return withChildren ? own + Number(rest[13]) + Number(rest[14]) : own;
  } catch {
    return 0;
  }
}

/** This process's descendants (pid → ticks), the sources' own ffmpeg processes apart. */
function descendants(): Map<number, { ticks: number; parent: number }> {
  const all = new Map<number, { ticks: number; parent: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Its waited-for children too: ffmpeg runs are started by a helper process (FfmpegSpawner) that outlives them.
      const ticks = Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
      all.set(Number(name), { parent: Number(rest[1]), ticks });
    } catch {
      // gone
    }
  }
  const mine = new Map<number, { ticks: number; parent: number }>();
  const isMine = (pid: number): boolean => {
    for (let p = all.get(pid)?.parent; p; p = all.get(p)?.parent) if (p === process.pid) return true;
    return false;
  };
  for (const [pid, entry] of all) if (isMine(pid)) mine.set(pid, entry);
  return mine;
}

interface CpuSnapshot {
  at: number;
  self: number;
  mainThread: number;
  waitedChildren: number;
  live: Map<number, { ticks: number; parent: number }>;
}

function cpuSnapshot(): CpuSnapshot {
  const withChildren = ticks('/proc/self/stat', true);
  const self = ticks('/proc/self/stat');
  return {
    at: Date.now(),
    self,
    mainThread: ticks(`/proc/self/task/${process.pid}/stat`),
    waitedChildren: withChildren - self,
    live: descendants(),
  };
}

/** CPU cores used between two snapshots: the service (this process, its threads, its ffmpeg) and the sources. */
function cpuBetween(a: CpuSnapshot, b: CpuSnapshot, sourcePids: Set<number>) {
  const seconds = (b.at - a.at) / 1000;
  let ffmpeg = b.waitedChildren - a.waitedChildren;
  let sources = 0;
  for (const [pid, entry] of b.live) {
    const used = entry.ticks - (a.live.get(pid)?.ticks ?? 0);
    if (sourcePids.has(pid)) sources += used;
    else ffmpeg += used;
  }
  const cores = (t: number) => t / CLOCK_TICKS / seconds;
  return {
    serviceCores: cores(b.self - a.self + ffmpeg),
    mainThreadCores: cores(b.mainThread - a.mainThread),
    ffmpegCores: cores(ffmpeg),
    sourceCores: cores(sources),
  };
}

function rssMb(): number {
  const statm = readFileSync('/proc/self/statm', 'utf8').split(' ');
  return (Number(statm[1]) * PAGE_BYTES) / 1024 / 1024;
}

/** Which protocol and room stream `index` gets: HLS, FLV and RTMP in turn; one room in ten promotes gambling. */
function pick(index: number): { protocol: Protocol; clip: ClipName } {
  const protocols: Protocol[] = ['hls', 'flv', 'rtmp'];
  const rooms: ClipName[] = ['moving-benign', 'still-caption', 'still', 'moving-benign', 'still-caption'];
  return {
    protocol: protocols[index % 3],
    clip: index % 10 === 3 ? 'moving-gambling' : rooms[index % rooms.length],
  };
}

interface FrameRow {
  id: string;
  stream_id: string;
  stream_time_ms: number;
  position_ms: number;
  status: string;
  idempotency_key: string;
}

/** Runs N pulled streams through the app for the warm-up and the measured window, and measures them. */
async function runLive(streamsWanted: number, options: LiveOptions, workDir: string, ffmpeg: string): Promise<LiveRun> {
  const clips = await prepareClips(
    ffmpeg,
    join(__dirname, '..', 'test', 'fixtures'),
    join(tmpdir(), 'qinglang-bench-live'),
  );
  const passThrough = [
    'FFMPEG_PATH',
    'TF_BACKEND',
    'CLASSIFY_BATCH_SIZE',
    'CLASSIFY_WORKERS',
    'MEDIA_CONCURRENCY',
    'OCR_INTERVAL_SECONDS',
    'QR_INTERVAL_SECONDS',
    'LIVE_PIECE_SECONDS',
  ];
  const dataDir = await mkdtemp(join(workDir, `live-${streamsWanted}-`));
  const config = loadConfig({
    ...Object.fromEntries(passThrough.filter((k) => process.env[k]).map((k) => [k, process.env[k]])),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    LOG_JSON: 'false',
    LIVE_ALLOWED_NETWORKS: '127.0.0.1/32',
    // Not defaults: every stream is taken in the first pass (the default 4 a pass only staggers a single worker's
    // start), and one process may hold them all.
    LIVE_CLAIM_PER_PASS: String(streamsWanted),
    LIVE_PULL_CAPACITY: String(Math.max(50, streamsWanted)),
  });
  const farm = new LiveSourceFarm(ffmpeg, clips);
  const app = await createApplication(config);
  try {
    await app.init();
    const { platform } = await app.get(PlatformsService).create('bench-live');
    await farm.start(streamsWanted, pick);
    const streams = app.get(StreamsService);
    const streamIds: string[] = [];
    const servedBy = new Map<string, (typeof farm.streams)[number]>();
    for (const served of farm.streams) {
      const { stream } = await streams.register(
        platform.id,
        `room-${served.index}`,
        `host-${served.index}`,
        {},
        served.url,
      );
      streamIds.push(stream.id);
      servedBy.set(stream.id, served);
    }
    const db = app.get(DataSource);
    const driver = app.get<QueueDriver>(QUEUE_DRIVER, { strict: false });
    // Every stream pulling and past its first piece, before anything counts.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [{ count }] = await countRows(
        db,
        `SELECT COUNT(*) AS count FROM stream_sources WHERE state = 'pulling' AND pieces_pulled > 0`,
      );
      if (Number(count) >= streamsWanted) break;
      if (Date.now() > deadline) {
        const states: unknown = await db.query(`SELECT url, state, pieces_pulled, last_error FROM stream_sources`);
        throw new Error(`only ${count} of ${streamsWanted} streams pulling after 60 s: ${JSON.stringify(states)}`);
      }
      await sleep(500);
    }
    await sleep(options.warmupSeconds * 1000);

    const backlog = async () => {
      const counts = await driver.counts();
      return Object.values(counts).reduce((sum, q) => sum + q.waiting + q.delayed, 0);
    };
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const windowStart = Date.now();
    const cpuStart = cpuSnapshot();
    const backlogStart = await backlog();
    const backlogSamples: number[] = [];
    let peakRss = rssMb();
    const sampler = setInterval(() => {
      void backlog().then((b) => backlogSamples.push(b));
      peakRss = Math.max(peakRss, rssMb());
    }, 1000);
    await sleep(options.seconds * 1000);
    clearInterval(sampler);
    const windowEnd = Date.now();
    const sourcePids = new Set([...farm.children].map((c) => c.pid!).filter(Boolean));
    const cpu = cpuBetween(cpuStart, cpuSnapshot(), sourcePids);
    loop.disable();
    const backlogEnd = await backlog();
    const queuesAtEnd = Object.fromEntries(
      Object.entries(await driver.counts()).map(([queue, c]) => [queue, c.waiting + c.delayed + c.active]),
    );

    // Frames live at the source in the window (all but its last 3 s, which may rightly be in flight).
    const frames: FrameRow[] = await db.query(
      `SELECT f.id, f.stream_id, f.stream_time_ms, f.position_ms, f.status, s.idempotency_key
         FROM frames f JOIN segments s ON s.id = f.source_id WHERE f.source_kind = 'segment'`,
    );
    const wall = new Map<string, number>();
    for (const frame of frames) {
      const served = servedBy.get(frame.stream_id)!;
      const at = served.wallTimeOf(Number(frame.stream_time_ms), Number(frame.position_ms), frame.idempotency_key);
      if (at !== undefined) wall.set(frame.id, at);
    }
    const inWindow = frames.filter((f) => {
      const at = wall.get(f.id);
      return at !== undefined && at >= windowStart && at < windowEnd - TARGET_P95_MS;
    });
    const signalRows: Array<{ source_id: string; created_at: number }> = await db.query(
      `SELECT source_id, MIN(created_at) AS created_at FROM signals WHERE source_kind = 'frame' GROUP BY source_id`,
    );
    const signalAt = new Map(signalRows.map((r) => [r.source_id, Number(r.created_at)]));
    const toSignal: number[] = [];
    let unfinished = 0;
    for (const frame of inWindow) {
      if (frame.status === 'near_duplicate') continue;
      const at = signalAt.get(frame.id);
      // Not classified by the end of the window: counted at least as late as it already is.
      if (at === undefined || at > windowEnd) unfinished++;
      toSignal.push((at !== undefined && at <= windowEnd ? at : windowEnd) - wall.get(frame.id)!);
    }
    const evidence: Array<{ source_id: string; created_at: number }> = await db.query(
      `SELECT source_id, MIN(created_at) AS created_at FROM flag_evidence
        WHERE source_kind IN ('frame', 'frame_text') GROUP BY source_id`,
    );
    const inWindowIds = new Set(inWindow.map((f) => f.id));
    const toFlag = evidence
      .filter((e) => inWindowIds.has(e.source_id))
      .map((e) => Number(e.created_at) - wall.get(e.source_id)!);
    const [{ flagged }] = await countRows(db, `SELECT COUNT(DISTINCT subject_id) AS flagged FROM flags`);

    const seconds = (windowEnd - windowStart) / 1000;
    const measuredSeconds = seconds - TARGET_P95_MS / 1000;
    const sampledInWindow = inWindow.length;
    const classifiedInWindow = inWindow.filter((f) => f.status === 'classified').length;
    const duplicates = inWindow.filter((f) => f.status === 'near_duplicate').length;
    // At least this many frames were due: the default tier (flagged streams are sampled faster still).
    const framesDue = Math.floor((streamsWanted * measuredSeconds) / DEFAULT_INTERVAL_SECONDS);
    const p95 = percentile(toSignal, 95);
    const half = backlogSamples.slice(0, Math.ceil(backlogSamples.length / 2));
    // Grows: the jobs waiting rose by more than one per stream over the window, or frames were left unfinished.
    const backlogGrows =
      backlogEnd > Math.max(backlogStart, median(half.length ? half : [0])) + streamsWanted ||
      unfinished > 0.05 * Math.max(1, toSignal.length);
    const coverage = sampledInWindow / Math.max(1, framesDue);
    const why = [
      p95 > TARGET_P95_MS ? `p95 frame→signal ${Math.round(p95)} ms > ${TARGET_P95_MS}` : '',
      backlogGrows ? `backlog grows (${backlogStart} → ${backlogEnd} jobs, ${unfinished} frames unfinished)` : '',
      coverage < 0.8 ? `only ${sampledInWindow} of ${framesDue} due frames sampled` : '',
    ].filter(Boolean);
    const reconnects = farm.streams.reduce((sum, s) => sum + Math.max(0, s.connections - 1), 0);
    return {
      streams: streamsWanted,
      holds: why.length === 0,
      why: why.join('; ') || 'holds',
      framesSampledPerSecond: round(sampledInWindow / measuredSeconds),
      framesClassifiedPerSecond: round(classifiedInWindow / measuredSeconds),
      nearDuplicateShare: round(duplicates / Math.max(1, sampledInWindow)),
      p50FrameToSignalMs: Math.round(percentile(toSignal, 50)),
      p95FrameToSignalMs: Math.round(p95),
      p50FrameToFlagMs: toFlag.length ? Math.round(percentile(toFlag, 50)) : null,
      p95FrameToFlagMs: toFlag.length ? Math.round(percentile(toFlag, 95)) : null,
      framesDue,
      framesSampled: sampledInWindow,
      unfinishedFrames: unfinished,
      backlogStart,
      backlogEnd,
      backlogGrows,
      queuesAtEnd,
      serviceCores: round(cpu.serviceCores),
      mainThreadCores: round(cpu.mainThreadCores),
      ffmpegCores: round(cpu.ffmpegCores),
      sourceCores: round(cpu.sourceCores),
      cpuPercentPerStream: round((100 * cpu.serviceCores) / streamsWanted),
      rssMb: Math.round(peakRss),
      eventLoopP99Ms: round(loop.percentile(99) / 1e6, 1),
      streamsFlagged: Number(flagged),
      reconnects,
      analysis: app.get(FrameAnalysisService).stats ? structuredClone(app.get(FrameAnalysisService).totals) : null,
    };
  } finally {
    await app.close();
    await farm.close();
  }
}

/** The porn model alone on this thread (one ORT thread, as each pool thread runs it), batches of 8, median of 3. */
async function rawModelFps(jpegDir: string): Promise<{ fps: number; backend: string }> {
  const model = new OnnxNsfwModel({ threads: 1 });
  await model.load();
  try {
    const files = readdirSync(jpegDir)
      .filter((f) => f.endsWith('.jpg'))
      .slice(0, 16);
    const decoded = await Promise.all(files.map(async (f) => model.decode(await readFile(join(jpegDir, f)))));
    const images = Array.from({ length: 64 }, (_, i) => decoded[i % decoded.length]);
    await model.classify(images.slice(0, 8));
    const rates = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      for (let i = 0; i < images.length; i += 8) await model.classify(images.slice(i, i + 8));
      rates.push(images.length / ((performance.now() - started) / 1000));
    }
    return { fps: median(rates), backend: model.backend };
  } finally {
    await model.close();
  }
}

function describe(run: LiveRun): void {
  const flag = run.p95FrameToFlagMs === null ? 'no flag' : `${run.p50FrameToFlagMs} / ${run.p95FrameToFlagMs} ms`;
  console.log(
    `live N=${run.streams}: ${run.holds ? 'HOLDS' : 'does not hold'} (${run.why})\n` +
      `  frames sampled ${run.framesSampledPerSecond}/s (${run.framesSampled} of ${run.framesDue} due at the 5 s tier), classified ${run.framesClassifiedPerSecond}/s, near-duplicates ${(100 * run.nearDuplicateShare).toFixed(0)}%\n` +
      `  frame→signal p50 / p95 ${run.p50FrameToSignalMs} / ${run.p95FrameToSignalMs} ms; frame→flag ${flag}; ${run.streamsFlagged} streams flagged\n` +
      `  backlog ${run.backlogStart} → ${run.backlogEnd} jobs (grows: ${run.backlogGrows}; at the end by queue, running included: ${JSON.stringify(run.queuesAtEnd)}); ${run.unfinishedFrames} frames unfinished; ${run.reconnects} reconnects\n` +
      `  CPU: service ${run.serviceCores} cores (main thread ${run.mainThreadCores}, its ffmpeg ${run.ffmpegCores}), ${run.cpuPercentPerStream}% per stream; sources ${run.sourceCores} cores (not counted); RSS ${run.rssMb} MB; event loop p99 delay ${run.eventLoopP99Ms} ms`,
  );
  const a = run.analysis;
  if (a && a.frames) {
    const per = (ms: number) => (ms / a.frames).toFixed(1);
    console.log(
      `  analysis threads, ms per frame: read ${per(a.readMs)}, decode ${per(a.decodeMs)} (${a.decoded} of ${a.frames} JPEGs decoded), porn model ${per(a.modelMs)}, OCR ${per(a.ocrMs)}, QR ${per(a.qrMs)}` +
        ` (OCR reads: ${a.ocr.none} whole, ${a.ocr.partial} changed part only, ${a.ocr.all} unchanged; QR: ${a.qr.none} / ${a.qr.partial} / ${a.qr.all})`,
    );
  }
}

/**
 * `npm run bench -- live [--streams N] [--seconds S] [--warmup W] [--find-max]`: N synthetic live streams (HLS,
 * HTTP-FLV and RTMP in turn, 1280x720 at 30 fps) served from loopback and pulled by the app on its embedded
 * defaults; see bench/README.md.
 */
export async function benchLive(argv: string[]): Promise<void> {
  const options = parse(argv);
  const workDir = await mkdtemp(join(tmpdir(), 'qinglang-bench-live-run-'));
  try {
    const ffmpeg = locateFfmpeg(process.env.FFMPEG_PATH);
    console.log(`ffmpeg: ${ffmpeg.version}; ${availableParallelism()} CPUs; node ${process.version}`);
    const runs: LiveRun[] = [];
    const measure = async (n: number) => {
      const run = await runLive(n, options, workDir, ffmpeg.path);
      describe(run);
      runs.push(run);
      return run;
    };
    if (!options.findMax) await measure(options.streams ?? 10);
    else {
      // Up from a start in steps, then halve the step between the last N that held and the first that did not.
      let low = 0;
      let high = Infinity;
      let n = options.streams ?? 40;
      let step = 16;
      for (let attempt = 0; attempt < 6 && high - low > 4; attempt++) {
        const run = await measure(n);
        if (run.holds) low = n;
        else high = n;
        if (high === Infinity) n = low + step;
        else {
          step = Math.max(4, Math.round((high - low) / 2 / 4) * 4);
          n = low === 0 ? Math.max(4, Math.floor(high / 2)) : low + step;
          if (n >= high) break;
        }
      }
    }
    const best =
      [...runs].filter((r) => r.holds).sort((a, b) => b.streams - a.streams)[0] ??
      [...runs].sort((a, b) => a.streams - b.streams)[0];
    const frameDir = join(workDir, readdirSync(workDir)[0], 'frames');
    const jpegDir = findJpegDir(frameDir);
    const raw = await rawModelFps(jpegDir);
    console.log(`raw model (${raw.backend}): ${raw.fps.toFixed(1)} frames/s on one thread, batches of 8`);
    const ratio = best.framesClassifiedPerSecond / raw.fps;
    console.log(
      `pipeline / raw model: ${ratio.toFixed(3)} (at N=${best.streams} the pipeline classifies ${best.framesClassifiedPerSecond} frames/s; the model alone would do ${raw.fps.toFixed(0)})`,
    );
    console.log(
      JSON.stringify({
        maxStreams: options.findMax ? (runs.some((r) => r.holds) ? best.streams : 0) : best.streams,
        holds: best.holds,
        intervalSeconds: DEFAULT_INTERVAL_SECONDS,
        p95FrameToSignalMs: best.p95FrameToSignalMs,
        p95FrameToFlagMs: best.p95FrameToFlagMs,
        pipelineToRawRatio: round(ratio, 3),
        rawModelFps: round(raw.fps, 1),
        cpuPercentPerStream: best.cpuPercentPerStream,
        rssMb: best.rssMb,
        framesClassifiedPerSecond: best.framesClassifiedPerSecond,
        serviceCores: best.serviceCores,
        runs: runs.map((r) => ({ streams: r.streams, holds: r.holds, p95FrameToSignalMs: r.p95FrameToSignalMs })),
      }),
    );
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** A folder holding sampled JPEGs, under the first run's frames. */
function findJpegDir(root: string): string {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    const entries = readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name.endsWith('.jpg'))) return dir;
    for (const e of entries) if (e.isDirectory()) stack.push(join(dir, e.name));
  }
  throw new Error(`no sampled frames under ${root}`);
}

/** A one-row COUNT/SUM query's row, typed. */
function countRows(db: DataSource, sql: string): Promise<Array<Record<string, number | string>>> {
  return db.query(sql);
}
