import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@qinglang/operations';
import { CurrentPlatform, Platform } from '@qinglang/platforms';
import { MediaStore } from '@qinglang/storage';
import { FramesService } from './frames.service';
import { evidenceImage } from './evidence-image';

@ApiTags('evidence')
@Controller('v1/frames')
export class FramesController {
  constructor(
    private readonly frames: FramesService,
    private readonly storage: MediaStore,
  ) {}

  @Get(':id/image')
  @ApiOperation({ summary: 'The JPEG kept as evidence for a sampled frame' })
  @ApiOkResponse({ content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors({ 404: ['frame_not_found', 'frame_image_missing'], 410: ['media_deleted_by_retention'] })
  async image(@CurrentPlatform() platform: Platform, @Param('id') id: string): Promise<StreamableFile> {
    const frame = await this.frames.getForPlatform(platform.id, id);
    return evidenceImage(this.storage, frame);
  }
}
