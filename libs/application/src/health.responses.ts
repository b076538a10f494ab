import { ApiProperty } from '@nestjs/swagger';

// The shape of GET /health (Terminus's report, with the code and message of a 503) for the OpenAPI document.

const ENTRIES = {
  type: 'object' as const,
  additionalProperties: {
    type: 'object' as const,
    required: ['status'],
    properties: { status: { type: 'string' as const, enum: ['up', 'down'] } },
    additionalProperties: true,
  },
};
const EXAMPLE = { database: { status: 'up', type: 'sqlite' }, queue: { status: 'up', driver: 'in-process' } };

export class HealthResponse {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ ...ENTRIES, description: 'The checks that are up', example: EXAMPLE }) info: object;
  @ApiProperty({ ...ENTRIES, description: 'The checks that are down', example: {} }) error: object;
  @ApiProperty({ ...ENTRIES, description: 'Every check', example: EXAMPLE }) details: object;
}

export class HealthUnavailableResponse {
  @ApiProperty({
    enum: ['starting', 'unavailable'],
    description:
      '`starting` while only the models are loading (the API serves meanwhile); `unavailable` when a dependency is down',
  })
  code: string;
  @ApiProperty() message: string;
  @ApiProperty({ enum: ['starting', 'error'] }) status: string;
  @ApiProperty({ ...ENTRIES, description: 'The checks that are up' }) info: object;
  @ApiProperty({
    ...ENTRIES,
    description: 'The checks that are down, each with why',
    example: { models: { status: 'down', message: 'loading' } },
  })
  error: object;
  @ApiProperty({ ...ENTRIES, description: 'Every check' }) details: object;
}
