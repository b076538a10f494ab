import { Module } from '@nestjs/common';
import { IngestModule } from '@qinglang/ingest';
import { MediaModule } from '@qinglang/media';
import { LivePullService } from './live-pull.service';

/** Pulling live streams by URL, in worker processes. */
@Module({
  imports: [IngestModule, MediaModule],
  providers: [LivePullService],
  exports: [LivePullService],
})
export class LivePullModule {}
