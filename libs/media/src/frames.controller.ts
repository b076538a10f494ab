import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPlatform, Platform } from '@qinglang/platforms';
import { FileStorage } from '@qinglang/storage';
import { FramesService } from './frames.service';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('v1/frames')
export class FramesController {
  constructor(
    private readonly frames: FramesService,
    private readonly storage: FileStorage,
  ) {}

  @Get(':id/image')
  @ApiProduces('image/jpeg')
  @ApiOperation({ summary: 'The JPEG kept as evidence for a sampled frame' })
  async image(@CurrentPlatform() platform: Platform, @Param('id') id: string): Promise<StreamableFile> {
    const frame = await this.frames.getForPlatform(platform.id, id);
    return new StreamableFile(this.storage.read(frame.imagePath), { type: 'image/jpeg' });
  }
}
