import { execFile, execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppConfig, loadConfig } from '@qinglang/config';
import {
  FrameTextReader,
  ModelRegistry,
  NsfwModel,
  FrameTextReaderOptions,
  OnnxNsfwModel,
  loadTensorflow,
} from '@qinglang/classifier';
import { FramesService, FrameSampler, locateFfmpeg } from '@qinglang/media';
import { benchmarkTextClassifier } from '@qinglang/text-classifier';
import { PlatformsService } from '@qinglang/platforms';
import { SegmentsService, StreamsService } from '@qinglang/ingest';
import { createApplication } from '@qinglang/application';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import {
  AUDIT_TABLES,
  AuditSigner,
  GENESIS_HASH,
  canonicalJson,
  checkpointMessage,
  entryHash,
  standaloneAuditLog,
} from '@qinglang/audit';
import { benchLive } from './live';
import { benchChat } from './chat';

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
    const backend = app.get(ModelRegistry).runtime?.backend ?? 'unknown';
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

/** The model alone on the pipeline's runtime: decoded frames in, scores out, in batches of CLASSIFY_BATCH_SIZE. */
async function benchRawModel(config: AppConfig, jpegDir: string): Promise<Figures> {
  const model = await new ModelRegistry(config).nsfw();
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

const MODEL_RUNS = 5;
const OCR_RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Frames per second of one porn model runtime: the median of MODEL_RUNS passes over the frames, in batches. */
async function modelFramesPerSecond(
  model: { classify(images: ReturnType<NsfwModel['decode']>[]): Promise<unknown> },
  images: ReturnType<NsfwModel['decode']>[],
  batchSize: number,
): Promise<number> {
  await model.classify(images.slice(0, batchSize)); // warm-up: kernels compiled, memory planned
  const rates: number[] = [];
  for (let run = 0; run < MODEL_RUNS; run++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < images.length; i += batchSize) await model.classify(images.slice(i, i + batchSize));
    rates.push(images.length / seconds(started));
  }
  return median(rates);
}

const OCR_FONTS = [
  process.env.OVERLAY_FONT,
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
];

/** Frames with known text: overlays as live rooms show them, several where reading only the bands fails. */
const OCR_SCENES: Array<{ name: string; source: string; lines: Array<{ text: string; style: string }> }> = [
  {
    name: 'textured-top-bottom',
    source: 'testsrc2=size=960x540',
    lines: [
      { text: '澳门威尼斯人 首充送彩金', style: 'fontsize=34:fontcolor=white:box=1:boxcolor=black@0.6:x=20:y=16' },
      {
        text: '扫码进群 带你赚钱 VX:abc6688',
        style: 'fontsize=30:fontcolor=0xFFD700:box=1:boxcolor=black@0.5:x=20:y=h-56',
      },
    ],
  },
  {
    name: 'yellow-mid-frame',
    source: 'mandelbrot=size=960x540',
    lines: [{ text: '百家乐 牛牛 炸金花 在线玩', style: 'fontsize=40:fontcolor=0xFFD700:x=(w-tw)/2:y=(h-th)/2' }],
  },
  {
    name: 'small-corner',
    source: 'smptebars=size=960x540',
    lines: [
      {
        text: '直播间福利 点击下方链接领取',
        style: 'fontsize=22:fontcolor=white:box=1:boxcolor=black@0.7:x=w-tw-16:y=h-40',
      },
    ],
  },
  {
    name: 'dark-yellow-large',
    source: 'color=c=0x202030:size=960x540',
    lines: [
      { text: '今晚开奖 稳赚不赔', style: 'fontsize=56:fontcolor=0xFFD700:x=40:y=40' },
      { text: '充值返水百分之十', style: 'fontsize=36:fontcolor=0xFFD700:x=40:y=h-80' },
    ],
  },
];

/** JPEGs of OCR_SCENES drawn by ffmpeg with a CJK font, with their lines; none when no such font is installed. */
async function ocrSceneFrames(
  ffmpeg: string,
  dir: string,
): Promise<Array<{ name: string; jpeg: Buffer; lines: string[] }>> {
  const font = OCR_FONTS.find((path): path is string => !!path && existsSync(path));
  if (!font) return [];
  await mkdir(dir, { recursive: true });
  const frames = [];
  for (const scene of OCR_SCENES) {
    const filters = await Promise.all(
      scene.lines.map(async (line, i) => {
        const file = join(dir, `${scene.name}-${i}.txt`); // through a file: no escaping of Chinese or spaces
        await writeFile(file, line.text);
        return `drawtext=fontfile=${font}:textfile=${file}:${line.style}`;
      }),
    );
    const output = join(dir, `${scene.name}.jpg`);
    await promisify(execFile)(ffmpeg, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      scene.source,
      '-vf',
      filters.join(','),
      '-frames:v',
      '1',
      '-q:v',
      '3',
      output,
    ]);
    frames.push({ name: scene.name, jpeg: await readFile(output), lines: scene.lines.map((line) => line.text) });
  }
  return frames;
}

function editDistance(a: string[], b: string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** Share of an expected line's characters read right (1 − edit distance / length), against the best read line. */
function lineAccuracy(expected: string, read: string[]): number {
  const want = [...expected.replace(/\s+/g, '')];
  const best = Math.max(0, ...read.map((line) => 1 - editDistance(want, [...line.replace(/\s+/g, '')]) / want.length));
  return Math.max(0, best);
}

/**
 * Side by side in one run: the porn model on TF.js (this machine's best backend, or TF_BACKEND) and on
 * onnxruntime-node (one thread, and one per core); then Tesseract on the bands, Tesseract over the whole frame and
 * PP-OCR over the whole frame, on the same frames with known text (the overlay fixtures, and scenes drawn with a
 * CJK font when one is installed): median ms per frame and the share of characters read right.
 */
async function benchModels(config: AppConfig, ffmpeg: string, workDir: string): Promise<Figures> {
  const fixtures = join(__dirname, '..', 'test', 'fixtures');
  const sampler = new FrameSampler({ ffmpegPath: ffmpeg, timeoutMs: config.media.ffmpegTimeoutMs });
  const overlayLines: Record<string, string[]> = {
    'segment-gambling-overlay.ts': ['澳门百家乐 真人荷官 上线送888', '加微信 bjl8888 充值返水'],
    'segment-benign-overlay.ts': ['美食直播间 欢迎新朋友', '今晚八点 一起做红烧肉'],
    'segment-10s.ts': [],
  };
  const frames: Array<{ name: string; jpeg: Buffer; lines: string[] }> = [];
  for (const [fixture, lines] of Object.entries(overlayLines)) {
    const out = join(workDir, 'model-frames', fixture);
    const { frames: sampled } = await sampler.sampleVideo(join(fixtures, fixture), 'mpegts', 2, out);
    for (const frame of sampled)
      frames.push({ name: `${fixture}/${frame.fileName}`, jpeg: await readFile(join(out, frame.fileName)), lines });
  }
  const scenes = await ocrSceneFrames(ffmpeg, join(workDir, 'ocr-scenes'));
  if (!scenes.length) console.log('  (no CJK font installed: OCR compared on the fixtures only)');
  const figures: Figures = {};

  const tensorflow = new NsfwModel(await loadTensorflow(config.ml.backend));
  await tensorflow.load();
  const decoded = frames.map((frame) => tensorflow.decode(frame.jpeg));
  const images = Array.from({ length: RAW_MODEL_FRAMES }, (_, i) => decoded[i % decoded.length]);
  const batchSize = config.ml.batchSize;
  figures.modelTensorflowBackend = tensorflow.backend;
  figures.modelTensorflowFramesPerSecond = round(await modelFramesPerSecond(tensorflow, images, batchSize), 1);
  for (const threads of [1, cpus().length]) {
    const onnx = new OnnxNsfwModel({ threads });
    await onnx.load();
    figures[`modelOnnx${threads === 1 ? 'OneThread' : 'AllCores'}FramesPerSecond`] = round(
      await modelFramesPerSecond(onnx, images, batchSize),
      1,
    );
    await onnx.close();
  }
  console.log(
    `porn model, frames/s (median of ${MODEL_RUNS} x ${images.length} frames, batches of ${batchSize}): TF.js ${tensorflow.backend} ${figures.modelTensorflowFramesPerSecond}; onnxruntime-node 1 thread ${figures.modelOnnxOneThreadFramesPerSecond}, ${cpus().length} threads ${figures.modelOnnxAllCoresFramesPerSecond}`,
  );

  const ocrFrames = [...frames.filter((frame) => frame.lines.length), ...scenes];
  // Each frame is read OCR_RUNS times: PP-OCR without line reuse is the cost of new text, with it the cost of a
  // frame whose overlays were read before (detection only).
  const engines: Array<{ key: string; label: string; options: FrameTextReaderOptions }> = [
    { key: 'TesseractBands', label: 'Tesseract, top and bottom bands', options: { engine: 'tesseract' } },
    {
      key: 'TesseractWholeFrame',
      label: 'Tesseract, whole frame',
      options: { engine: 'tesseract', regions: ['full'] },
    },
    {
      key: 'PaddleWholeFrame',
      label: 'PP-OCRv4, whole frame',
      options: { engine: 'paddle', paddle: { reusedLines: 0 } },
    },
    { key: 'PaddleWholeFrameReused', label: 'PP-OCRv4, whole frame, text read before', options: { engine: 'paddle' } },
  ];
  for (const { key, label, options } of engines) {
    const reader = new FrameTextReader(options);
    try {
      await reader.warmUp();
      const times: number[] = [];
      const accuracies: number[] = [];
      const missed: string[] = [];
      for (const frame of ocrFrames) {
        const runs: number[] = [];
        let read: string[] = [];
        for (let run = 0; run < OCR_RUNS; run++) {
          const result = await reader.read(frame.jpeg, { qr: false });
          runs.push(result.ms);
          read = result.regions.flatMap((region) => region.lines.map((line) => line.text));
        }
        times.push(median(runs));
        for (const line of frame.lines) {
          const accuracy = lineAccuracy(line, read);
          accuracies.push(accuracy);
          if (accuracy < 0.5) missed.push(`${frame.name}: ${line}`);
        }
      }
      const accuracy = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
      figures[`ocr${key}MsPerFrame`] = Math.round(median(times));
      figures[`ocr${key}MaxMsPerFrame`] = Math.round(Math.max(...times));
      figures[`ocr${key}CharacterAccuracy`] = round(accuracy);
      figures[`ocr${key}LinesMissed`] = missed.length;
      console.log(
        `OCR ${label}: ${Math.round(median(times))} ms per frame (median over ${ocrFrames.length} frames; slowest ${Math.round(Math.max(...times))}), ${(100 * accuracy).toFixed(1)}% of ${accuracies.length} lines' characters read, ${missed.length} lines missed${missed.length ? `: ${missed.join('; ')}` : ''}`,
      );
    } finally {
      await reader.close();
    }
  }
  return figures;
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
    entities: AUDIT_TABLES,
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

    const result = await standaloneAuditLog(dataSource, { dataDir: workDir, audit: config.audit }).verify();
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
  // `npm run bench -- live [--streams N] [--seconds S] [--find-max]`: pulled live streams (bench/live.ts).
  if (process.argv.slice(2).includes('live')) return benchLive(process.argv.slice(2));
  // `npm run bench -- chat [--seconds S] [--clients C] [--batch B] [--live N]`: chat ingest end to end (bench/chat.ts).
  if (process.argv.slice(2).includes('chat')) {
    console.log(JSON.stringify(await benchChat(process.argv.slice(2))));
    return;
  }
  const workDir = await mkdtemp(join(tmpdir(), 'qinglang-bench-'));
  try {
    // `npm run bench -- audit`: the audit figure alone.
    if (process.argv.slice(2).includes('audit')) {
      console.log(JSON.stringify(await benchAuditVerify(workDir)));
      return;
    }
    const modelsOnly = process.argv.slice(2).includes('models');
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
    // `npm run bench -- models`: the model and OCR comparison alone.
    if (modelsOnly) {
      console.log(JSON.stringify(await benchModels(config, ffmpeg.path, workDir)));
      return;
    }

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
    Object.assign(figures, await benchModels(config, ffmpeg.path, workDir));
    Object.assign(figures, benchText());
    Object.assign(figures, await benchChat([]));
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
