import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { POLICY_CATEGORIES } from '@qinglang/policy';

// The shape of POST /v1/classify/text (the text classifier's TextClassification) for the OpenAPI document.

export class TextModelResponse {
  @ApiProperty() name: string;
  @ApiProperty() version: string;
}

export class SpanResponse {
  @ApiProperty({ description: 'Index of the first character' }) start: number;
  @ApiProperty({ description: 'Index after the last character' }) end: number;
}

export class EvidencePartResponse {
  @ApiProperty({ type: SpanResponse }) span: SpanResponse;
  @ApiProperty() text: string;
  @ApiProperty() rule: string;
}

export class TextEvidenceResponse {
  @ApiProperty({ enum: POLICY_CATEGORIES }) category: string;
  @ApiProperty({ type: SpanResponse }) span: SpanResponse;
  @ApiProperty({ description: 'The original text under the span' }) text: string;
  @ApiProperty({ example: 'qinglang:gambling:百家乐', description: 'The lexicon entry or rule' }) rule: string;
  @ApiProperty() weight: number;
  @ApiPropertyOptional({ type: [EvidencePartResponse], description: 'For a combination: the spans of its parts' })
  parts?: EvidencePartResponse[];
}

export class TextResultResponse {
  @ApiProperty({ type: String, nullable: true, description: 'The id sent with the text, or null' }) id: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { gambling: 0.97, porn: 0, tipping: 0 },
  })
  scores: Record<string, number>;
  @ApiProperty({ enum: POLICY_CATEGORIES, isArray: true, description: "Categories at or over the policy's threshold" })
  flagged: string[];
  @ApiProperty({ type: [TextEvidenceResponse] }) evidence: TextEvidenceResponse[];
}

export class ClassifyTextResponse {
  @ApiProperty({ type: TextModelResponse }) model: TextModelResponse;
  @ApiProperty({ type: [TextResultResponse], description: 'One per text, in the order sent' })
  results: TextResultResponse[];
}
