import { Logger } from '@nestjs/common';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { FrameTextReader, NsfwModel, loadTensorflow, pornCategoryScore } from '@qinglang/classifier';
import { createTextClassifier } from '@qinglang/text-classifier';
import { FrameSampler, locateFfmpeg } from '@qinglang/media';
import { parsePolicy } from '@qinglang/policy/policy';
import { sniffVideoContainer } from '@qinglang/storage';
import { CliError } from './cli-error';
import { StderrLogger } from './stderr-logger';

export interface ScanOptions {
  interval: string;
  ocrEvery: string;
  json?: boolean;
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);

/**
 * `scan <video>`: samples a local video as the service would and prints, per frame, the porn score, the text
 * and QR codes on screen with their text scores, and which categories pass the policy's thresholds.
 */
export async function scan(file: string, options: ScanOptions): Promise<void> {
  const path = resolve(file);
  const handle = await open(path, 'r').catch(() => {
    throw new CliError(`Cannot read ${file}`, 2);
  });
  const head = Buffer.alloc(4096);
  await handle.read(head, 0, head.length, 0);
  await handle.close();
  const container = sniffVideoContainer(head);
  if (!container) throw new CliError(`${file} is not an MPEG-TS, MP4 or FLV video`, 2);
  const policy = parsePolicy(readFileSync(resolve('config/policy.yaml'), 'utf8'));
  const workDir = await mkdtemp(join(tmpdir(), 'qinglang-scan-'));
  const reader = new FrameTextReader();
  try {
    const sampler = new FrameSampler({
      ffmpegPath: locateFfmpeg(process.env.FFMPEG_PATH).path,
      timeoutMs: 10 * 60_000,
    });
    const { frames } = await sampler.sampleVideo(path, container, Number(options.interval), workDir);
    // stdout carries only results (JSON lines with --json); the backend in use goes to stderr.
    Logger.overrideLogger(new StderrLogger({ logLevels: ['fatal', 'error'] }));
    const runtime = await loadTensorflow();
    process.stderr.write(`TensorFlow.js backend: ${runtime.backend}\n`);
    const model = new NsfwModel(runtime);
    await model.load();
    const text = createTextClassifier();
    const ocrEvery = Number(options.ocrEvery);
    const found = new Map<string, number[]>();
    for (const [index, frame] of frames.entries()) {
      const jpeg = await readFile(join(workDir, frame.fileName));
      const [nsfw] = await model.classify([model.decode(jpeg)]);
      const porn = pornCategoryScore(nsfw).porn;
      const overlay = await reader.read(jpeg, { ocr: ocrEvery > 0 && index % ocrEvery === 0 });
      const onScreen = [...overlay.regions.map((r) => r.text), ...overlay.qrCodes.map((q) => q.url ?? q.data)].join(
        '\n',
      );
      const textResult = onScreen ? text.classify(onScreen) : null;
      const flagged = [
        ...(porn >= policy.categories.porn.flagThreshold ? ['porn'] : []),
        ...(textResult?.flagged ?? []),
      ];
      for (const category of new Set(flagged)) found.set(category, [...(found.get(category) ?? []), frame.positionMs]);
      const row = {
        timeMs: frame.positionMs,
        porn,
        nsfw,
        text: onScreen || null,
        textScores: textResult?.scores ?? null,
        qrCodes: overlay.qrCodes.map((q) => q.url ?? q.data),
        flagged: [...new Set(flagged)],
      };
      if (options.json) process.stdout.write(`${JSON.stringify(row)}\n`);
      else
        process.stdout.write(
          `${clock(frame.positionMs)}  porn ${porn.toFixed(3)}  ${row.flagged.length ? `FLAGGED ${row.flagged.join(',')}` : 'ok'}${onScreen ? `  text: ${JSON.stringify(onScreen.replace(/\n/g, ' / '))}` : ''}\n`,
        );
    }
    const summary = Object.fromEntries([...found].map(([category, times]) => [category, times]));
    if (options.json)
      process.stdout.write(`${JSON.stringify({ summary: { frames: frames.length, flagged: summary } })}\n`);
    else
      process.stdout.write(
        `\n${frames.length} frames; ${found.size ? [...found].map(([c, t]) => `${c} at ${t.map(clock).join(', ')}`).join('; ') : 'nothing flagged'}\n`,
      );
  } finally {
    await reader.close();
    await rm(workDir, { recursive: true, force: true });
  }
}
