import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';

export class StreamSourceDto {
  @ApiProperty({
    description: 'Where Qinglang pulls the live stream: HLS (….m3u8), HTTP-FLV (….flv) or RTMP(S)',
    example: 'https://cdn.example.com/live/room-8812/index.m3u8',
  })
  @IsString()
  @Length(1, 2048)
  url: string;
}

export class RegisterStreamDto {
  @ApiProperty({ description: "The platform's own id for the stream", example: 'room-8812-2026-11-24' })
  @IsString()
  @Length(1, 128)
  externalId: string;

  @ApiProperty({ description: "The platform's id of the streamer's account", example: 'user-31337' })
  @IsString()
  @Length(1, 128)
  streamerId: string;

  @ApiPropertyOptional({ example: '今晚一起聊天' }) @IsOptional() @IsString() @Length(0, 500) title?: string;
  @ApiPropertyOptional({ example: 1200 }) @IsOptional() @IsInt() @Min(0) @Max(2_000_000_000) viewerCount?: number;
  @ApiPropertyOptional({ enum: ['live', 'ended'] }) @IsOptional() @IsIn(['live', 'ended']) status?: 'live' | 'ended';

  @ApiPropertyOptional({ type: StreamSourceDto, description: 'Pull the stream by URL instead of uploading segments' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StreamSourceDto)
  source?: StreamSourceDto;
}

export class UpdateStreamDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 500) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(2_000_000_000) viewerCount?: number;
  @ApiPropertyOptional({ enum: ['live', 'ended'] }) @IsOptional() @IsIn(['live', 'ended']) status?: 'live' | 'ended';
}
