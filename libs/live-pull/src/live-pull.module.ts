import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IngestModule } from '@qinglang/ingest';
import { FlaggingModule } from '@qinglang/flagging';
import { MediaModule } from '@qinglang/media';
import { SanctionsModule } from '@qinglang/sanctions';
import { SamplingPlanner } from './sampling-planner.service';
import { LivePullService } from './live-pull.service';
import { LiveWorkersService } from './live-workers.service';
import { LIVE_PULL_TABLES } from './tables';

/** Pulling live streams by URL, in worker processes. */
@Module({
  imports: [TypeOrmModule.forFeature(LIVE_PULL_TABLES), IngestModule, MediaModule, FlaggingModule, SanctionsModule],
  providers: [LivePullService, LiveWorkersService, SamplingPlanner],
  exports: [LivePullService],
})
export class LivePullModule {}
