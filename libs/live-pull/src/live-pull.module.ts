import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IngestModule } from '@qinglang/ingest';
import { MediaModule } from '@qinglang/media';
import { LivePullService } from './live-pull.service';
import { LiveWorkersService } from './live-workers.service';
import { LIVE_PULL_TABLES } from './tables';

/** Pulling live streams by URL, in worker processes. */
@Module({
  imports: [TypeOrmModule.forFeature(LIVE_PULL_TABLES), IngestModule, MediaModule],
  providers: [LivePullService, LiveWorkersService],
  exports: [LivePullService],
})
export class LivePullModule {}
