import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { LocalMediaStore } from './local-media-store';
import { removeStaleScratch } from './media-scratch';
import { MediaStore } from './media-store';

/** Scratch older than this was left by a process that died: no job (ffmpeg is killed after minutes) lasts so long. */
const STALE_SCRATCH_MS = 6 * 3_600_000;

/** At start-up, removes the scratch a killed process left (jobs remove their own when they end). */
@Injectable()
export class ScratchSweep implements OnApplicationBootstrap {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    // File times are the machine's wall clock, so the cut-off is too (not the injectable clock).
    const removed = await removeStaleScratch(
      join(this.config.dataDir, 'scratch'),
      new Date(Date.now() - STALE_SCRATCH_MS),
    );
    if (removed) new Logger('Storage').log({ message: 'stale scratch files removed', removed });
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
