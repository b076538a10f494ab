import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@qinglang/config';
import { STALE_SCRATCH_MS, ScratchSweep } from './storage.module';

/** Real files in a real DATA_DIR: what a killed API (multer's temp files) and a killed worker (scratch) left. */
describe('ScratchSweep', () => {
  let dataDir: string;
  let sweep: ScratchSweep;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'qinglang-sweep-'));
    sweep = new ScratchSweep({ dataDir } as AppConfig);
  });
  afterEach(async () => {
    sweep.onApplicationShutdown();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function file(path: string, ageMs: number): void {
    mkdirSync(join(dataDir, path, '..'), { recursive: true });
    writeFileSync(join(dataDir, path), path);
    const at = new Date(Date.now() - ageMs);
    utimesSync(join(dataDir, path), at, at);
  }

  it('removes stale uploads and scratch, keeps fresh ones and everything else under DATA_DIR', async () => {
    file('uploads/dead.upload', STALE_SCRATCH_MS + 60_000);
    file('uploads/in-flight.upload', 1000);
    file('scratch/job-dead/frame.jpg', STALE_SCRATCH_MS + 60_000);
    file('scratch/job-live/segment.ts', 1000);
    // Stored media under DATA_DIR (the local driver) is never scratch, however old.
    file('media/p/segments/old.ts', 10 * STALE_SCRATCH_MS);
    file('qinglang.sqlite', 10 * STALE_SCRATCH_MS);
    expect(await sweep.sweep()).toBe(2);
    expect(readdirSync(join(dataDir, 'uploads'))).toEqual(['in-flight.upload']);
    expect(readdirSync(join(dataDir, 'scratch', 'job-live'))).toEqual(['segment.ts']);
    expect(readdirSync(join(dataDir, 'scratch', 'job-dead'))).toEqual([]);
    expect(readdirSync(join(dataDir, 'media', 'p', 'segments'))).toEqual(['old.ts']);
    expect(readdirSync(dataDir).sort()).toEqual(['media', 'qinglang.sqlite', 'scratch', 'uploads']);
  });

  it('sweeps again later: a file that was fresh at start-up goes once it is stale', async () => {
    file('uploads/later.upload', STALE_SCRATCH_MS - 60_000);
    await sweep.onApplicationBootstrap();
    expect(readdirSync(join(dataDir, 'uploads'))).toEqual(['later.upload']);
    expect(await sweep.sweep(Date.now() + 120_000)).toBe(1);
    expect(readdirSync(join(dataDir, 'uploads'))).toEqual([]);
  });

  it('finds nothing to do in a DATA_DIR without those folders', async () => {
    expect(await sweep.sweep()).toBe(0);
  });
});
