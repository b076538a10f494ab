import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreatePostDto } from './post.dto';
import { CreateSegmentDto } from './segment.dto';

// The multipart bodies as the OpenAPI document describes them: the DTO's fields beside the files, which Multer
// takes (they never reach validation, so they live here, not on the DTOs).

export class SegmentUploadBody extends CreateSegmentDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The segment (.ts, .mp4, .flv); or give `url`' })
  file: unknown;
}

export class PostUploadBody extends CreatePostDto {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    maxItems: 9,
    description: 'Up to 9 images (JPEG, PNG, WebP, GIF)',
  })
  images?: unknown[];
  @ApiPropertyOptional({ type: 'string', format: 'binary', description: 'A video; or give `videoUrl`' })
  video?: unknown;
}
