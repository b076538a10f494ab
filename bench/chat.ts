import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { loadConfig } from '@qinglang/config';
import { PlatformsService } from '@qinglang/platforms';
import { StreamsService } from '@qinglang/ingest';
import { createApplication } from '@qinglang/application';
import { locateFfmpeg } from '@qinglang/media';
import { LiveSourceFarm, prepareClips } from './live-sources';
import type { ChatLoad, ChatLoadResult } from './chat-load';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Everyday chat from the fixtures, with a gambling line in every fifty, as a live room's danmaku reads. */
function chatLines(): string[] {
  const file = join(__dirname, '..', 'test', 'fixtures', 'text', 'everyday-chat.jsonl');
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text);
  const gambling = ['澳门百家乐 上线送888', '加微信 bjl8888 充值返水', '菠菜平台 稳赚不赔'];
  return lines.flatMap((line, i) => (i % 50 === 49 ? [line, gambling[i % gambling.length]] : [line]));
}

/**
 * `npm run bench -- chat [--seconds S] [--clients C] [--batch B] [--live N] [--rate R | --paced P]`: C clients POST
 * chat batches of B lines over HTTP to the app on its embedded defaults for S seconds, while N pulled live streams
 * (OCR and QR on) keep the frame threads busy. First each client sends its next batch when the last one is answered
 * (the most the app takes: POST latency there is queueing, N clients over the rate), then, in a new room, the
 * batches go out on a clock, P (5,000) lines a second in all, whether or not earlier ones were answered (the latency
 * at that load); `--rate R` runs only the second, at R; `--paced 0` only the first. Lines per second end to end is
 * every line accepted over the time from the first POST until the room's last batch is classified (through its flag
 * hop); POST latency is each request's round trip; a batch's latency is from its acceptance to `classified`.
 */
export async function benchChat(argv: string[]): Promise<Record<string, number>> {
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const seconds = value('--seconds', 20);
  const clients = value('--clients', 8);
  const batchSize = value('--batch', 200);
  const liveStreams = value('--live', 6);
  const rate = value('--rate', 0);
  const workDir = await mkdtemp(join(tmpdir(), 'qinglang-bench-chat-'));
  const ffmpeg = locateFfmpeg(process.env.FFMPEG_PATH).path;
  // The bench measures what the app takes, not the per-platform limits (config/tenants.yaml: 50 requests a second
  // and 2,000 queued items a platform by default): its platform gets room enough.
  const tenantsPath = join(workDir, 'tenants.yaml');
  await writeFile(
    tenantsPath,
    'platforms:\n  bench-chat:\n    requests_per_second: 100000\n    burst: 100000\n    queued_items: 1000000\n',
  );
  const config = loadConfig({
    TENANTS_PATH: tenantsPath,
    DATA_DIR: workDir,
    LOG_LEVEL: 'error',
    LOG_JSON: 'false',
    LIVE_ALLOWED_NETWORKS: '127.0.0.1/32',
    LIVE_CLAIM_PER_PASS: String(Math.max(4, liveStreams)),
  });
  const farm = new LiveSourceFarm(
    ffmpeg,
    await prepareClips(ffmpeg, join(__dirname, '..', 'test', 'fixtures'), join(tmpdir(), 'qinglang-bench-live')),
  );
  const app = await createApplication(config);
  try {
    await app.init();
    const server = (await app.listen(0, '127.0.0.1')) as Server;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { platform, apiKey } = await app.get(PlatformsService).create('bench-chat');
    const streams = app.get(StreamsService);
    await farm.start(liveStreams, (i) => ({
      protocol: (['hls', 'flv', 'rtmp'] as const)[i % 3],
      clip: i % 2 ? 'moving-gambling' : 'moving-benign',
    }));
    for (const served of farm.streams)
      await streams.register(platform.id, `live-${served.index}`, `host-${served.index}`, {}, served.url);
    const db = app.get(DataSource);
    // The frame load first: every pulled stream past its first piece.
    for (let waited = 0; waited < 60_000; waited += 500) {
      const [{ count }] = await countRows(db, `SELECT COUNT(*) AS count FROM stream_sources WHERE pieces_pulled > 0`);
      if (Number(count) >= liveStreams) break;
      await sleep(500);
    }
    const texts = chatLines();

    /** One room's chat for `seconds`: as fast as answered (offered 0), or `offered` lines a second on a clock. */
    const phase = async (room: string, offered: number) => {
      const { stream } = await streams.register(platform.id, room, `${room}-host`, {});
      const [{ before }] = await countRows(db, `SELECT COUNT(*) AS before FROM frames WHERE status = 'classified'`);
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const {
        latencies,
        linesSent,
        failures,
        refused,
        startedAt: started,
        postedFor,
      } = await inThread({
        url: `${base}/v1/streams/${stream.id}/chat`,
        apiKey,
        texts,
        clients,
        batchSize,
        seconds,
        offered,
      });
      const ofRoom = `FROM text_batches WHERE stream_id = '${stream.id}'`;
      let finishedAt = Date.now();
      for (;;) {
        const [{ open }] = await countRows(
          db,
          `SELECT COUNT(*) AS open ${ofRoom} AND stage NOT IN ('classified', 'failed')`,
        );
        finishedAt = Date.now();
        if (Number(open) === 0 || finishedAt - started > (seconds + 120) * 1000) break;
        await sleep(100);
      }
      loop.disable();
      const [{ classified }] = await countRows(
        db,
        `SELECT COALESCE(SUM(line_count), 0) AS classified ${ofRoom} AND stage = 'classified'`,
      );
      const [{ after }] = await countRows(db, `SELECT COUNT(*) AS after FROM frames WHERE status = 'classified'`);
      const batchLatencies = (
        await countRows(db, `SELECT finished_at - created_at AS ms ${ofRoom} AND stage = 'classified'`)
      ).map((row) => Number(row.ms));
      const figures = {
        LinesAccepted: linesSent,
        LinesClassified: Number(classified),
        LinesPerSecondAccepted: Math.round(linesSent / postedFor),
        LinesPerSecondEndToEnd: Math.round(Number(classified) / ((finishedAt - started) / 1000)),
        PostP50Ms: Math.round(percentile(latencies, 50)),
        PostP95Ms: Math.round(percentile(latencies, 95)),
        PostFailures: failures,
        BatchP50AcceptedToClassifiedMs: Math.round(percentile(batchLatencies, 50)),
        BatchP95AcceptedToClassifiedMs: Math.round(percentile(batchLatencies, 95)),
        FramesClassifiedMeanwhile: Number(after) - Number(before),
        EventLoopP99DelayMs: Math.round(loop.percentile(99) / 1e6),
        EventLoopMaxDelayMs: Math.round(loop.max / 1e6),
      };
      console.log(
        `chat: ${offered > 0 ? `${offered} lines/s offered on a clock by` : 'as fast as answered,'} ${clients} clients × batches of ${batchSize} for ${seconds} s, ${liveStreams} live streams pulled meanwhile (${figures.FramesClassifiedMeanwhile} frames classified)\n` +
          `  ${figures.LinesPerSecondAccepted} lines/s accepted, ${figures.LinesPerSecondEndToEnd} lines/s accepted → classified end to end (${figures.LinesClassified} of ${linesSent})\n` +
          `  POST p50 / p95 ${figures.PostP50Ms} / ${figures.PostP95Ms} ms; ${failures} not 202${failures ? ` (${JSON.stringify(refused)})` : ''}; a batch accepted → classified p50 / p95 ${figures.BatchP50AcceptedToClassifiedMs} / ${figures.BatchP95AcceptedToClassifiedMs} ms; the app's event loop delay p99 / max ${figures.EventLoopP99DelayMs} / ${figures.EventLoopMaxDelayMs} ms`,
      );
      return figures;
    };

    const prefixed = (prefix: string, figures: Record<string, number>) =>
      Object.fromEntries(Object.entries(figures).map(([name, figure]) => [`${prefix}${name}`, figure]));
    // By default both: the most the app takes, then the latency at the target load (5,000 lines a second).
    const all: Record<string, number> = {};
    if (rate === 0) Object.assign(all, prefixed('chat', await phase('chat-room', 0)));
    const paced = rate > 0 ? rate : value('--paced', 5000);
    if (paced > 0)
      Object.assign(all, prefixed('chatPaced', await phase('chat-room-paced', paced)), {
        chatPacedOfferedLinesPerSecond: paced,
      });
    return all;
  } finally {
    await app.close();
    await farm.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The clients, on a worker thread (the .ts file under ts-node, as the bench runs). */
function inThread(load: ChatLoad): Promise<ChatLoadResult> {
  const file = join(__dirname, `chat-load${extname(__filename)}`);
  const worker = new Worker(file, {
    workerData: load,
    execArgv: extname(file) === '.ts' ? ['--require', 'ts-node/register/transpile-only'] : undefined,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: ChatLoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the chat load thread exited with code ${code}`)));
  });
}

/** A one-row COUNT/SUM query's row, typed. */
function countRows(db: DataSource, sql: string): Promise<Array<Record<string, number | string>>> {
  return db.query(sql);
}
