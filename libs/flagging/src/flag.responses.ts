import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FLAG_CATEGORIES } from './category';
import { EvidenceDetailResponse, REVIEW_FRAME_IMAGE, ReviewEvidenceDetailResponse } from './evidence-detail.responses';
import { FLAG_PARTIES } from './flag.entity';

// The shapes of flagView and evidenceView (flag-view.ts) for the OpenAPI document; the e2e suites check each
// response against them, so a view that changes without its class here fails there.

const REVIEW_STATES = ['pending', 'escalated', 'awaiting_second', 'confirmed', 'rejected', 'merged'];
const SUBJECT_KINDS = ['stream', 'post', 'account', 'cluster'];

export class SubjectRefResponse {
  @ApiProperty({ enum: SUBJECT_KINDS }) kind: string;
  @ApiProperty({ description: "Qinglang's id of the stream, post, account or cluster" }) id: string;
}

export class AccountRefResponse {
  @ApiProperty({ description: "Qinglang's id of the account" }) id: string;
  @ApiProperty({ type: String, nullable: true, description: "The platform's own id of the account" })
  externalId: string | null;
}

export class EvidenceSourceResponse {
  @ApiProperty({ example: 'frame', description: 'frame, frame_text, frame_qr, post_image, text_line, post_text, tip…' })
  kind: string;
  @ApiProperty() id: string;
}

export class ModelRefResponse {
  @ApiProperty({ example: 'nsfwjs' }) name: string;
  @ApiProperty({ example: 'mobilenet_v2-1' }) version: string;
}

export class EvidenceActorResponse {
  @ApiProperty({ type: String, nullable: true, example: 'streamer', description: 'streamer, viewer, tipper or author' })
  role: string | null;
  @ApiProperty({ type: String, nullable: true }) accountId: string | null;
}

/** The fields both views of a piece of evidence share; they differ in the detail's frame image route. */
abstract class EvidenceFields {
  @ApiProperty({ type: EvidenceSourceResponse }) source: EvidenceSourceResponse;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Time in the stream, when the subject is a stream' })
  streamTimeMs: number | null;
  @ApiProperty({ type: ModelRefResponse }) model: ModelRefResponse;
  @ApiProperty({ type: EvidenceActorResponse }) actor: EvidenceActorResponse;
}

export class EvidenceResponse extends EvidenceFields {
  @ApiProperty({
    type: EvidenceDetailResponse,
    description: 'What the model saw: scores per class, the text and its spans, the QR payloads, the tip facts',
  })
  detail: EvidenceDetailResponse;
}

/** A piece of evidence as a reviewer sees it: a frame's image is served by the review API. */
export class ReviewEvidenceResponse extends EvidenceFields {
  @ApiProperty({
    type: ReviewEvidenceDetailResponse,
    description: "What the model saw, with a frame's image at the review route",
  })
  detail: ReviewEvidenceDetailResponse;
  @ApiPropertyOptional({
    pattern: REVIEW_FRAME_IMAGE,
    description: 'The frame image, for frame evidence (GET with the staff token)',
  })
  imageUrl?: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When retention deleted the frame image (its URL then answers 410 media_deleted_by_retention)',
  })
  imageDeletedAt?: string | null;
}

export class FlagResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: FLAG_CATEGORIES }) category: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ enum: REVIEW_STATES }) reviewState: string;
  @ApiProperty({
    enum: FLAG_PARTIES,
    description:
      "creator (the streamer's or author's conduct), viewer (one viewer's chat), cluster (a flood of senders), room",
  })
  party: string;
  @ApiProperty({ type: SubjectRefResponse }) subject: SubjectRefResponse;
  @ApiProperty({ type: String, nullable: true, description: 'The flag that settled this one, when it shared evidence' })
  linkedTo: string | null;
  @ApiProperty({ type: AccountRefResponse }) account: AccountRefResponse;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence: number;
  @ApiProperty() evidenceCount: number;
  @ApiProperty({ type: [String] }) modelVersions: string[];
  @ApiProperty() policyVersion: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
}

export class FlagWithEvidenceResponse extends FlagResponse {
  @ApiProperty({ type: [EvidenceResponse] }) evidence: EvidenceResponse[];
}

export class FlagListResponse {
  @ApiProperty({ type: [FlagResponse] }) flags: FlagResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `before` for the next page; null on the last' })
  next: string | null;
}
