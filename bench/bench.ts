import { execFile, execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppConfig, loadConfig } from '@qinglang/config';
import { FrameTextReader, NsfwModel, loadTensorflow } from '@qinglang/classifier';
import { FramesService, FrameSampler, locateFfmpeg } from '@qinglang/media';
import { benchmarkTextClassifier } from '@qinglang/text-classifier';
import { PlatformsService } from '@qinglang/platforms';
import { SegmentsService, StreamsService } from '@qinglang/ingest';
import { createApplication } from '@qinglang/application';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import {
  AuditCheckpoint,
  AuditEntry,
  AuditLog,
  AuditSigner,
  GENESIS_HASH,
  canonicalJson,
  checkpointMessage,
  entryHash,
} from '@qinglang/audit';
import { systemClock } from '@qinglang/config';

const SCENE_SECONDS = 10;
const CLIP_SECONDS = 6 * SCENE_SECONDS; // the six scenes of sceneSources()
const SIZE = '1280x720';
const FPS = 30;
// 8 batches: enough that one slow batch does not swing the figure.
const RAW_MODEL_FRAMES = 64;
const PIPELINE_TIMEOUT_MS = 5 * 60_000;

type Figures = Record<string, number | string | boolean>;

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds of this process plus its waited-for children (ffmpeg), which process.cpuUsage() leaves out. */
function cpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name, which sits in parentheses and may hold spaces; field 3 is index 0.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  return (utime + stime + cutime + cstime) / CLOCK_TICKS;
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function round(value: number, digits = 3): number {
  return Number(value.toFixed(digits));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Six scenes alternating motion and stills, so some samples are near-duplicates and some are not. */
function sceneSources(): string[] {
  const base = `size=${SIZE}:rate=${FPS}`;
  const cut = `trim=duration=${SCENE_SECONDS}`;
  return [
    `testsrc2=${base},${cut}`,
    `smptehdbars=${base},${cut}`,
    `mandelbrot=${base},${cut}`,
    // testsrc moves; its first frame held by tpad is a still picture.
    `testsrc=${base},trim=end_frame=1,tpad=stop_mode=clone:stop_duration=${SCENE_SECONDS},${cut}`,
    `cellauto=${base}:rule=110,${cut}`,
    `rgbtestsrc=${base},${cut}`,
  ];
}

async function generateClip(ffmpeg: string, output: string): Promise<void> {
  const sources = sceneSources();
  const inputs = sources.flatMap((source) => ['-f', 'lavfi', '-i', source]);
  const concat = `${sources.map((_, i) => `[${i}:v]`).join('')}concat=n=${sources.length}:v=1:a=0,format=yuv420p[v]`;
  await promisify(execFile)(ffmpeg, [
    '-y',
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...inputs,
    '-filter_complex',
    concat,
    '-map',
    '[v]',
    // A keyframe every 2 s and none at scene cuts, so keyframe-only sampling meets the 2 s interval.
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-g',
    String(2 * FPS),
    '-keyint_min',
    String(2 * FPS),
    '-sc_threshold',
    '0',
    '-an',
    '-f',
    'mpegts',
    output,
  ]);
}

async function benchSampling(config: AppConfig, ffmpeg: string, clip: string, outputDir: string): Promise<Figures> {
  const sampler = new FrameSampler({ ffmpegPath: ffmpeg, timeoutMs: config.media.ffmpegTimeoutMs });
  const cpuBefore = cpuSeconds();
  const started = process.hrtime.bigint();
  const result = await sampler.sampleVideo(clip, 'mpegts', config.media.frameIntervalSeconds, outputDir);
  const wall = seconds(started);
  const cpu = cpuSeconds() - cpuBefore;
  const sampled = result.frames.length;
  console.log(
    `sampling: ${sampled} frames (keyframes only: ${result.keyframesOnly}) in ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU`,
  );
  console.log(`  frames sampled per CPU-second: ${(sampled / cpu).toFixed(2)}`);
  return {
    framesSampled: sampled,
    keyframesOnly: result.keyframesOnly,
    samplingWallSeconds: round(wall),
    samplingCpuSeconds: round(cpu),
    framesSampledPerCpuSecond: round(sampled / cpu),
  };
}

async function waitUntilClassified(segments: SegmentsService, id: string): Promise<void> {
  const deadline = Date.now() + PIPELINE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const segment = await segments.lifecycle.get(id);
    if (segment?.stage === 'classified') return;
    if (segment?.stage === 'failed')
      throw new Error(`segment failed: ${segment.failureCode}: ${segment.failureReason}`);
    await sleep(100);
  }
  throw new Error(`segment not classified within ${PIPELINE_TIMEOUT_MS / 1000} s`);
}

/** Upload to classified through the whole app: sampling, hashing, decode, model and database writes. */
async function benchPipeline(config: AppConfig, clip: string, workDir: string): Promise<Figures> {
  const app = await createApplication(config);
  try {
    await app.init(); // warms the model at bootstrap, so loading it is not timed
    const { platform } = await app.get(PlatformsService).create('bench');
    const { stream } = await app.get(StreamsService).register(platform.id, 'bench-room', 'bench-streamer', {});
    // acceptUpload moves the file it is given into DATA_DIR: hand it a copy.
    const upload = join(workDir, 'upload.ts');
    await copyFile(clip, upload);
    const file = { path: upload, size: (await stat(upload)).size, originalname: 'clip.ts' };
    const segments = app.get(SegmentsService);
    const started = process.hrtime.bigint();
    const { segment } = await segments.acceptUpload(
      { platformId: platform.id, streamId: stream.id, startOffsetMs: 0 },
      file,
    );
    await waitUntilClassified(segments, segment.id);
    const wall = seconds(started);
    const frames = await app.get(FramesService).forSource('segment', segment.id);
    const classified = frames.filter((f) => f.status === 'classified').length;
    const duplicates = frames.filter((f) => f.status === 'near_duplicate').length;
    const { backend } = await loadTensorflow(config.ml.backend);
    console.log(
      `pipeline (${backend}): ${frames.length} frames, ${classified} classified, ${duplicates} near-duplicates (${((100 * duplicates) / frames.length).toFixed(1)}%) in ${wall.toFixed(2)} s wall`,
    );
    console.log(`  frames classified per second: ${(classified / wall).toFixed(2)}`);
    return {
      backend,
      pipelineWallSeconds: round(wall),
      pipelineFrames: frames.length,
      framesClassified: classified,
      nearDuplicates: duplicates,
      nearDuplicateShare: round(duplicates / frames.length),
      pipelineFramesClassifiedPerSecond: round(classified / wall),
    };
  } finally {
    await app.close();
  }
}

/** The model alone on the same backend: decoded frames in, scores out, in batches of CLASSIFY_BATCH_SIZE. */
async function benchRawModel(config: AppConfig, jpegDir: string): Promise<Figures> {
  const model = new NsfwModel(await loadTensorflow(config.ml.backend));
  await model.load();
  const files = (await readdir(jpegDir)).filter((f) => f.endsWith('.jpg')).sort();
  const decoded = await Promise.all(files.map(async (f) => model.decode(await readFile(join(jpegDir, f)))));
  const images = Array.from({ length: RAW_MODEL_FRAMES }, (_, i) => decoded[i % decoded.length]);
  const batchSize = config.ml.batchSize;
  await model.classify(images.slice(0, batchSize)); // warm-up: the first call compiles kernels
  const started = process.hrtime.bigint();
  for (let i = 0; i < images.length; i += batchSize) await model.classify(images.slice(i, i + batchSize));
  const wall = seconds(started);
  console.log(`raw model: ${images.length} frames in batches of ${batchSize} in ${wall.toFixed(2)} s`);
  console.log(`  frames per second: ${(images.length / wall).toFixed(2)}`);
  return {
    rawModelFrames: images.length,
    rawModelSeconds: round(wall),
    rawModelFramesPerSecond: round(images.length / wall),
  };
}

/** The text classifier on short chat messages, on one core (CPU time, not wall time). */
function benchText(): Figures {
  const result = benchmarkTextClassifier({ texts: 50_000 });
  console.log(`text: ${result.texts} chat messages in ${result.cpuSeconds.toFixed(2)} CPU s`);
  console.log(`  texts classified per second per core: ${result.textsPerSecondPerCore}`);
  return { textsClassifiedPerSecondPerCore: result.textsPerSecondPerCore };
}

/** Overlay reading on the sampled frames: QR search only, then QR plus OCR of the top and bottom bands. */
async function benchFrameText(jpegDir: string): Promise<Figures> {
  const reader = new FrameTextReader();
  try {
    await reader.warmUp();
    const files = (await readdir(jpegDir)).filter((f) => f.endsWith('.jpg')).sort();
    const jpegs = await Promise.all(files.map((f) => readFile(join(jpegDir, f))));
    const figures: Figures = {};
    for (const ocr of [false, true]) {
      const started = process.hrtime.bigint();
      for (const jpeg of jpegs) await reader.read(jpeg, { ocr });
      const perSecond = jpegs.length / seconds(started);
      console.log(`frame text (${ocr ? 'QR + OCR' : 'QR only'}): ${perSecond.toFixed(2)} frames per second`);
      figures[ocr ? 'frameTextWithOcrFramesPerSecond' : 'frameTextQrOnlyFramesPerSecond'] = round(perSecond);
    }
    return figures;
  } finally {
    await reader.close();
  }
}

const AUDIT_ENTRIES = 1_000_000;
const AUDIT_CHECKPOINT_EVERY = 1000;
const AUDIT_ACTIONS = ['flag.opened', 'flag.claimed', 'flag.confirmed', 'sanction.issued', 'sanction.delivered'];

/**
 * Audit verification: a million correctly chained entries (with a signed checkpoint every 1000) written straight
 * into a fresh SQLite file, then `AuditLog.verify()` over it, the code behind GET /v1/audit/verify and
 * `npm run cli -- audit verify`. Only the verification is timed.
 */
async function benchAuditVerify(workDir: string): Promise<Figures> {
  const path = join(workDir, 'audit.sqlite');
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: path,
    entities: [AuditEntry, AuditCheckpoint],
    synchronize: true,
    logging: ['error'],
  });
  await dataSource.initialize();
  try {
    const config = {
      audit: { keyPath: join(workDir, 'audit-key.pem'), checkpointEvery: AUDIT_CHECKPOINT_EVERY },
    } as AppConfig;
    const signer = AuditSigner.load(config.audit.keyPath);
    const writing = process.hrtime.bigint();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const insertEntry = db.prepare(
      'INSERT INTO audit_entries (seq, recorded_at, action, actor_kind, actor_id, platform_id, subject_kind, subject_id, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertCheckpoint = db.prepare(
      'INSERT INTO audit_checkpoints (seq, hash, signature, key_id, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    let prevHash = GENESIS_HASH;
    const start = Date.now() - AUDIT_ENTRIES;
    // About the size of a real entry's data (a flag opened); the same text each time, since only hashing it is timed.
    const data = canonicalJson({
      category: 'gambling',
      confidence: 0.93,
      reasonCode: 'gambling_promotion',
      modelVersions: ['text-lexicon-1', 'text-ngram-1'],
      policyVersion: 'a3f9c2d1e0b4',
    });
    const write = db.transaction((from: number, to: number) => {
      for (let seq = from; seq <= to; seq++) {
        const action = AUDIT_ACTIONS[seq % AUDIT_ACTIONS.length];
        const content = {
          seq,
          recordedAtMs: start + seq,
          action,
          actorKind: 'system',
          actorId: 'flagging',
          platformId: '6f1c1e1a-0000-4000-8000-000000000001',
          subjectKind: 'flag',
          subjectId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
          data,
        };
        const hash = entryHash(prevHash, content);
        insertEntry.run(
          seq,
          content.recordedAtMs,
          action,
          content.actorKind,
          content.actorId,
          content.platformId,
          content.subjectKind,
          content.subjectId,
          content.data,
          prevHash,
          hash,
        );
        if (seq % AUDIT_CHECKPOINT_EVERY === 0)
          insertCheckpoint.run(seq, hash, signer.sign(checkpointMessage(seq, hash)), signer.keyId, start + seq);
        prevHash = hash;
      }
    });
    for (let from = 1; from <= AUDIT_ENTRIES; from += 100_000) write(from, Math.min(AUDIT_ENTRIES, from + 99_999));
    db.close();
    console.log(`audit: ${AUDIT_ENTRIES} chained entries written in ${seconds(writing).toFixed(1)} s (not a figure)`);

    const result = await new AuditLog(dataSource, config, systemClock).verify();
    if (!result.ok || result.entries !== AUDIT_ENTRIES) throw new Error(`audit verification failed: ${result.message}`);
    const perSecond = AUDIT_ENTRIES / result.seconds;
    console.log(
      `audit verify: ${result.entries} entries and ${result.checkpoints.checked} signed checkpoints in ${result.seconds.toFixed(2)} s`,
    );
    console.log(`  entries verified per second: ${Math.round(perSecond)}`);
    return {
      auditEntries: AUDIT_ENTRIES,
      auditVerifySeconds: round(result.seconds),
      auditEntriesVerifiedPerSecond: Math.round(perSecond),
    };
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'qinglang-bench-'));
  try {
    // `npm run bench -- audit`: the audit figure alone.
    if (process.argv.slice(2).includes('audit')) {
      console.log(JSON.stringify(await benchAuditVerify(workDir)));
      return;
    }
    const passThrough = [
      'FFMPEG_PATH',
      'TF_BACKEND',
      'CLASSIFY_BATCH_SIZE',
      'FRAME_INTERVAL_SECONDS',
      'OCR_INTERVAL_SECONDS',
      'QR_INTERVAL_SECONDS',
    ];
    const config = loadConfig({
      ...Object.fromEntries(passThrough.filter((k) => process.env[k]).map((k) => [k, process.env[k]])),
      DATA_DIR: join(workDir, 'data'),
      LOG_LEVEL: 'warn',
      LOG_JSON: 'false',
    });
    const ffmpeg = locateFfmpeg(config.media.ffmpegPath);
    console.log(`ffmpeg: ${ffmpeg.version} (${ffmpeg.source}); ${cpus().length} CPUs; node ${process.version}`);

    const clip = join(workDir, 'clip.ts');
    const generating = process.hrtime.bigint();
    await generateClip(ffmpeg.path, clip);
    console.log(
      `clip: ${CLIP_SECONDS} s ${SIZE} ${FPS} fps H.264 MPEG-TS generated in ${seconds(generating).toFixed(1)} s (not a figure)`,
    );

    const samplesDir = join(workDir, 'frames');
    const figures: Figures = {
      clipSeconds: CLIP_SECONDS,
      ...(await benchSampling(config, ffmpeg.path, clip, samplesDir)),
    };
    Object.assign(figures, await benchPipeline(config, clip, workDir));
    Object.assign(figures, await benchRawModel(config, samplesDir));
    Object.assign(figures, await benchFrameText(samplesDir));
    Object.assign(figures, benchText());
    Object.assign(figures, await benchAuditVerify(workDir));
    // Equal to the share of the pipeline's wall time the model alone would need for the frames it classified.
    const ratio = Number(figures.pipelineFramesClassifiedPerSecond) / Number(figures.rawModelFramesPerSecond);
    figures.pipelineToRawModelRatio = round(ratio);
    console.log(
      `pipeline / raw model frames per second: ${ratio.toFixed(3)} (the model is ${(100 * ratio).toFixed(0)}% of the pipeline's time; 1 = no overhead)`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
