import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Length, Max, Min } from 'class-validator';

/** Fields of a segment, sent as multipart fields beside `file`, or as JSON with `url`. */
export class CreateSegmentDto {
  @ApiPropertyOptional({ description: "The segment's start within the stream, in ms", example: 60000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1e12)
  startOffsetMs?: number;

  @ApiPropertyOptional({ description: 'Fetch the segment from this http(s) URL instead of uploading it' })
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url?: string;
}
