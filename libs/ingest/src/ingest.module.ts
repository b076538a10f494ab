import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MulterModule } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { PlatformsModule } from '@qinglang/platforms';
import { INGEST_TABLES } from './tables';
import { StreamSourcesService } from './services/stream-sources.service';
import { AccountsService } from './services/accounts.service';
import { StreamsService } from './services/streams.service';
import { SegmentsService } from './services/segments.service';
import { PostsService } from './services/posts.service';
import { BatchesService } from './services/batches.service';
import { TrackedItems } from './services/tracked-items.service';
import { QueueQuotas } from './services/queue-quotas.service';
import { ItemMediaRetention } from './services/media-retention.service';
import { AcceptsWorkGuard } from './controllers/accepts-work.guard';
import { StreamsController } from './controllers/streams.controller';
import { SegmentsController } from './controllers/segments.controller';
import { PostsController } from './controllers/posts.controller';
import { BatchesController } from './controllers/batches.controller';
import { join } from 'node:path';

/** Everything ingest provides, other modules may use. */
const SERVICES = [
  AccountsService,
  StreamsService,
  StreamSourcesService,
  SegmentsService,
  PostsService,
  BatchesService,
  TrackedItems,
  QueueQuotas,
  ItemMediaRetention,
  AcceptsWorkGuard,
];

@Module({
  imports: [
    PlatformsModule,
    TypeOrmModule.forFeature(INGEST_TABLES),
    // Uploads stream to disk under DATA_DIR with the size limit from config; over it, multer stops reading and
    // Nest answers 413.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const directory = join(config.dataDir, 'uploads');
        mkdirSync(directory, { recursive: true });
        return {
          storage: diskStorage({
            destination: directory,
            filename: (_req, _file, callback) => callback(null, `${randomUUID()}.upload`),
          }),
          limits: { fileSize: config.media.maxUploadBytes, files: 10, fields: 20, fieldSize: 64 * 1024, parts: 40 },
        };
      },
    }),
  ],
  controllers: [StreamsController, SegmentsController, PostsController, BatchesController],
  providers: SERVICES,
  exports: SERVICES,
})
export class IngestModule {}
