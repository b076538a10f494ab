import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPlatform, Platform } from '@qinglang/platforms';
import { MediaStore } from '@qinglang/storage';
import { FramesService } from './frames.service';
import { evidenceImage } from './evidence-image';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('v1/frames')
export class FramesController {
  constructor(
    private readonly frames: FramesService,
    private readonly storage: MediaStore,
  ) {}

  @Get(':id/image')
  @ApiProduces('image/jpeg')
  @ApiOperation({ summary: 'The JPEG kept as evidence for a sampled frame' })
  async image(@CurrentPlatform() platform: Platform, @Param('id') id: string): Promise<StreamableFile> {
    const frame = await this.frames.getForPlatform(platform.id, id);
    return evidenceImage(this.storage, frame);
  }
}
