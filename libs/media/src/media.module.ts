import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IngestModule } from '@qinglang/ingest';
import { PlatformsModule } from '@qinglang/platforms';
import { Frame } from './frame.entity';
import { FramesService } from './frames.service';
import { FfmpegService } from './ffmpeg.service';
import { FramesController } from './frames.controller';
import { StreamFramesController } from './stream-frames.controller';
import { SegmentSampleProcessor } from './segment-sample.processor';
import { PostSampleProcessor } from './post-sample.processor';
import { SourceMedia } from './source-media.service';
import { FrameRetention } from './frame-retention.service';

@Module({
  imports: [TypeOrmModule.forFeature([Frame]), IngestModule, PlatformsModule],
  controllers: [FramesController, StreamFramesController],
  providers: [FramesService, FrameRetention, FfmpegService, SourceMedia, SegmentSampleProcessor, PostSampleProcessor],
  exports: [FramesService, FrameRetention, FfmpegService],
})
export class MediaModule {}
