import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FlagResponse, ReviewEvidenceResponse, SubjectRefResponse } from '@qinglang/flagging';
import { AppealResponse, SanctionResponse } from '@qinglang/sanctions';

// The shapes the review API answers (review.controller.ts) for the OpenAPI document; the e2e suites check each
// response against them.

export class QueueClaimResponse {
  @ApiProperty({ description: "The reviewer's name" }) by: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class QueuedFlagResponse extends FlagResponse {
  @ApiProperty({ description: 'Queue order: severity, confidence and audience, aged by the hours waited' })
  priority: number;
  @ApiProperty({ description: 'Viewers of the stream when the flag opened' }) audience: number;
  @ApiProperty() waitingSeconds: number;
  @ApiProperty({ type: QueueClaimResponse, nullable: true, description: 'Who holds it now; null when free' })
  claim: QueueClaimResponse | null;
}

export class ReviewQueueResponse {
  @ApiProperty({ type: [QueuedFlagResponse], description: 'Highest priority first' }) flags: QueuedFlagResponse[];
}

export class ReviewReasonsResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['label'],
        properties: {
          label: { type: 'string' },
          atLeast: {
            type: 'object',
            description: 'The least this reason brings, whatever the strike count',
            required: ['action'],
            properties: { action: { type: 'string' }, days: { type: 'integer' } },
          },
        },
      },
    },
    description: 'Per category, its reason codes and their labels',
    example: { gambling: { gambling_promotion: { label: 'Promotes gambling' } } },
  })
  confirm: Record<string, Record<string, { label: string; atLeast?: { action: string; days?: number } }>>;
  @ApiProperty({ type: [String], example: ['false_positive'] }) reject: string[];
  @ApiProperty({ type: [String], description: 'Reason codes to escalate with', example: ['needs_senior_review'] })
  escalate: string[];
  @ApiProperty() policyVersion: string;
}

export class FlagClaimResponse {
  @ApiProperty({ description: "The reviewer's name" }) by: string;
  @ApiProperty() reviewerId: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class ReviewTipResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: "The platform's id of the tipper" }) tipperId: string;
  @ApiProperty({ enum: ['minor', 'adult', 'unknown'] }) ageBand: string;
  @ApiProperty({ example: '88.00', description: 'A decimal string' }) amount: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ type: String, nullable: true }) giftName: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ReviewDecisionResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['confirm', 'reject', 'escalate'] }) verdict: string;
  @ApiProperty() category: string;
  @ApiProperty() reasonCode: string;
  @ApiProperty() note: string;
  @ApiProperty({ description: "The reviewer's name" }) reviewer: string;
  @ApiProperty({ example: 'reviewer' }) reviewerRole: string;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

export class ConsequencePreviewResponse {
  @ApiProperty({ type: String, nullable: true, example: 'suspension' }) action: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationDays: number | null;
  @ApiProperty({ type: Number, nullable: true }) strikeNumber: number | null;
  @ApiProperty({ type: Number, nullable: true }) windowDays: number | null;
  @ApiProperty({ type: String, enum: ['creator', 'viewer'], nullable: true }) ladder: string | null;
  @ApiProperty({ description: "Accounts sanctioned (a cluster's senders each)" }) accounts: number;
  @ApiProperty({ description: 'Cluster senders already sanctioned for these lines on another flag' })
  alreadySanctioned: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'chat_mute 1d': 28, 'chat_ban 30d': 2 },
  })
  byAction: Record<string, number>;
  @ApiProperty() secondReviewer: boolean;
  @ApiProperty({ type: String, enum: ['cut_stream', 'take_down_post'], nullable: true }) contentAction: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What the decision must send as `expect` to confirm with this reason; null when no echo is needed',
  })
  expect: string | null;
}

export class LinkedFlagResponse {
  @ApiProperty() id: string;
  @ApiProperty() party: string;
  @ApiProperty({ type: SubjectRefResponse }) subject: SubjectRefResponse;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty() reviewState: string;
  @ApiProperty({ type: String, nullable: true }) linkedTo: string | null;
}

export class ClusterMemberResponse {
  @ApiProperty() accountId: string;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
  @ApiProperty({ description: 'Lines of theirs among the evidence' }) lines: number;
}

export class ReviewFlagResponse extends FlagResponse {
  @ApiProperty({ type: [ReviewEvidenceResponse] }) evidence: ReviewEvidenceResponse[];
  @ApiProperty() waitingSeconds: number;
  @ApiProperty({ type: FlagClaimResponse, nullable: true }) claim: FlagClaimResponse | null;
  @ApiProperty({ type: [ReviewTipResponse], description: 'Tips in the stream around the flag (at most 500)' })
  tips: ReviewTipResponse[];
  @ApiProperty({ type: [ReviewDecisionResponse] }) decisions: ReviewDecisionResponse[];
  @ApiProperty({ type: [SanctionResponse], description: "The account's latest sanctions" })
  accountHistory: SanctionResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ConsequencePreviewResponse' },
    description: 'Per reason code, what confirming would issue now (empty once the flag is closed)',
  })
  consequences: Record<string, ConsequencePreviewResponse>;
  @ApiProperty({
    type: [LinkedFlagResponse],
    description: 'Flags holding some of the same evidence: confirming this one resolves them as the same violation',
  })
  linkedFlags: LinkedFlagResponse[];
  @ApiPropertyOptional({ type: [ClusterMemberResponse], description: "A cluster flag's senders" })
  members?: ClusterMemberResponse[];
}

export class MaybeFlagResponse {
  @ApiProperty({ type: ReviewFlagResponse, nullable: true, description: 'null when the queue is empty' })
  flag: ReviewFlagResponse | null;
}

export class ClaimedFlagResponse {
  @ApiProperty({ type: ReviewFlagResponse }) flag: ReviewFlagResponse;
}

export class DecidedFlagResponse {
  @ApiProperty() id: string;
  @ApiProperty() reviewState: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
}

export class DecisionOutcomeResponse {
  @ApiProperty({ type: DecidedFlagResponse }) flag: DecidedFlagResponse;
  @ApiProperty() decisionId: string;
  @ApiProperty({ type: SanctionResponse, nullable: true, description: 'The first of `sanctions`, or null' })
  sanction: SanctionResponse | null;
  @ApiProperty({ type: [SanctionResponse], description: "What the confirmation issued (a cluster's senders each)" })
  sanctions: SanctionResponse[];
}

export class AppealedSanctionResponse extends SanctionResponse {
  @ApiProperty({ type: [String] }) decidedByNames: string[];
}

export class ReviewAppealResponse extends AppealResponse {
  @ApiProperty({ type: String, nullable: true }) decidedByName: string | null;
  @ApiProperty({ type: AppealedSanctionResponse, nullable: true }) sanction: AppealedSanctionResponse | null;
}

export class ReviewAppealListResponse {
  @ApiProperty({ type: [ReviewAppealResponse] }) appeals: ReviewAppealResponse[];
}
