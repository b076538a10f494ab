import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { LocalMediaStore } from './local-media-store';
import { MediaStore } from './media-store';

/** The media store STORAGE_URL chose; the S3 SDK is only loaded when it is used (the CLI starts faster without it). */
export async function createMediaStore(config: Pick<AppConfig, 'dataDir' | 'storage'>): Promise<MediaStore> {
  if (config.storage.driver === 'local') return new LocalMediaStore(config.dataDir);
  const { S3MediaStore } = await import('./s3-media-store');
  return new S3MediaStore(config.dataDir, config.storage);
}

@Global()
@Module({
  providers: [{ provide: MediaStore, inject: [APP_CONFIG], useFactory: createMediaStore }],
  exports: [MediaStore],
})
export class StorageModule {}
