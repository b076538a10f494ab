import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { LocalMediaStore } from './local-media-store';
import { removeStaleScratch } from './media-scratch';
import { MediaStore } from './media-store';

/** Scratch older than this was left by a process that died: no job (ffmpeg is killed after minutes) lasts so long. */
export const STALE_SCRATCH_MS = 6 * 3_600_000;
/** How often a long-running process sweeps again: another process on the same DATA_DIR may have been killed since. */
const SCRATCH_SWEEP_EVERY_MS = 3_600_000;

/**
 * Removes what killed processes left under DATA_DIR: job scratch and staged live pieces (`scratch/`), and the
 * temporary files of uploads in flight (`uploads/`, multer's, which a request removes once it is answered). At
 * start-up, then every hour; only files not touched for 6 h, so it is safe beside running processes sharing the root.
 */
@Injectable()
export class ScratchSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        new Logger('Storage').warn({ message: 'stale scratch sweep failed', error: String(error) }),
      );
    }, SCRATCH_SWEEP_EVERY_MS);
    // Never what keeps a process (the CLI, a test) alive.
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns how many files went. */
  async sweep(now = Date.now()): Promise<number> {
    // File times are the machine's wall clock, so the cut-off is too (not the injectable clock).
    const cutoff = new Date(now - STALE_SCRATCH_MS);
    let removed = 0;
    for (const folder of ['scratch', 'uploads'])
      removed += await removeStaleScratch(join(this.config.dataDir, folder), cutoff);
    if (removed) new Logger('Storage').log({ message: 'stale scratch files removed', removed });
    return removed;
  }
}

/** The media store STORAGE_URL chose; the S3 SDK is only loaded when it is used (the CLI starts faster without it). */
export async function createMediaStore(config: Pick<AppConfig, 'dataDir' | 'storage'>): Promise<MediaStore> {
  if (config.storage.driver === 'local') return new LocalMediaStore(config.dataDir);
  const { S3MediaStore } = await import('./s3-media-store');
  return new S3MediaStore(config.dataDir, config.storage);
}

@Global()
@Module({
  providers: [{ provide: MediaStore, inject: [APP_CONFIG], useFactory: createMediaStore }, ScratchSweep],
  exports: [MediaStore],
})
export class StorageModule {}
