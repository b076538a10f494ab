import { ApiProperty } from '@nestjs/swagger';

// The shape of GET /v1/streams/{id}/frames for the OpenAPI document.

export class FrameSourceRefResponse {
  @ApiProperty({ example: 'segment', description: 'segment, pull or post' }) kind: string;
  @ApiProperty() id: string;
}

export class StreamFrameResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: Number, nullable: true }) streamTimeMs: number | null;
  @ApiProperty({ type: FrameSourceRefResponse }) source: FrameSourceRefResponse;
  @ApiProperty({ example: 'classified' }) status: string;
  @ApiProperty({ type: String, nullable: true, description: 'The frame this one nearly repeats' })
  duplicateOf: string | null;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
  @ApiProperty({ example: '/v1/frames/…/image' }) imageUrl: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      "When retention deleted the evidence JPEG (the image route then answers 410 media_deleted_by_retention); the frame's record and scores stay",
  })
  imageDeletedAt: string | null;
  @ApiProperty({ format: 'date-time' }) sampledAt: string;
}

export class StreamFramesResponse {
  @ApiProperty({ type: [StreamFrameResponse] }) frames: StreamFrameResponse[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The stream time of the last frame: pass it as `after` for the next page',
  })
  cursor: number | null;
}
