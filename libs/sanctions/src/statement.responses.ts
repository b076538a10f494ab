import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EvidenceTextSpanResponse, EvidenceTipRuleResponse } from '@qinglang/flagging';
import { SANCTION_ACTIONS } from '@qinglang/policy';

// The shapes a sanction's subject, content and monetary actions and its statement of reasons take
// (subject-directory.service.ts, sanction-engine.service.ts, statement-of-reasons.ts), for the OpenAPI document.

const SANCTION_OR_INTERIM = [...SANCTION_ACTIONS, 'stream_interruption'];

export class SanctionSubjectResponse {
  @ApiProperty({ enum: ['stream', 'post', 'account'], description: "A cluster's subject is the room (its stream)" })
  kind: string;
  @ApiProperty({ description: "Qinglang's id of the stream, post or account" }) id: string;
  @ApiProperty({ type: String, nullable: true, description: "The platform's own id" }) externalId: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'live',
    description: "A stream's status when the sanction was issued",
  })
  status?: string | null;
}

export class ContentActionResponse {
  @ApiProperty({ enum: ['cut_stream', 'take_down_post'] }) kind: string;
  @ApiPropertyOptional({ description: 'For cut_stream' }) streamId?: string;
  @ApiPropertyOptional({ description: 'For take_down_post' }) postId?: string;
  @ApiProperty({ type: String, nullable: true, description: "The platform's own id of the stream or post" })
  externalId: string | null;
}

export class MonetaryActionResponse {
  @ApiProperty({ enum: ['freeze_tip_income'] }) kind: string;
  @ApiProperty({ format: 'date-time', description: 'Tip income stays frozen until then' }) until: string;
}

export class StatementDecisionResponse {
  @ApiProperty({ enum: SANCTION_OR_INTERIM }) action: string;
  @ApiProperty({ example: 'suspension for 7 days' }) summary: string;
  @ApiProperty({ type: Number, nullable: true }) durationDays: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt: string | null;
  @ApiProperty() interim: boolean;
  @ApiProperty({ type: ContentActionResponse, nullable: true }) contentAction: ContentActionResponse | null;
  @ApiProperty({ type: MonetaryActionResponse, nullable: true }) monetaryAction: MonetaryActionResponse | null;
}

export class StatementGroundResponse {
  @ApiProperty({ example: 'gambling' }) category: string;
  @ApiProperty({ example: 'gambling_promotion' }) reasonCode: string;
  @ApiProperty() reasonLabel: string;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ example: 'Qinglang policy 2026-11-01, categories.gambling' }) policy: string;
}

export class StatementAccountResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
}

export class StatementFlagResponse {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence: number;
  @ApiProperty() evidenceCount: number;
  @ApiProperty({ type: [String] }) modelVersions: string[];
}

export class StatementSourceResponse {
  @ApiProperty({ example: 'text_line' }) kind: string;
  @ApiProperty() id: string;
}

export class StatementEvidenceResponse {
  @ApiProperty({ type: StatementSourceResponse }) source: StatementSourceResponse;
  @ApiProperty() score: number;
  @ApiProperty({ type: Number, nullable: true }) streamTimeMs: number | null;
  @ApiProperty({ example: 'qinglang-text@1', description: 'name@version' }) model: string;
  @ApiPropertyOptional({ description: 'The line or on-screen text relied on' }) text?: string;
  @ApiPropertyOptional({ type: [EvidenceTextSpanResponse], description: 'Why each text category scored' })
  spans?: EvidenceTextSpanResponse[];
  @ApiPropertyOptional({ type: [EvidenceTipRuleResponse], description: 'Tip rules, for tip evidence' })
  rules?: EvidenceTipRuleResponse[];
}

export class StatementStrikeResponse {
  @ApiProperty({ description: 'Which strike in the window (1 = first)' }) number: number;
  @ApiProperty() windowDays: number;
}

export class StatementFactsResponse {
  @ApiProperty({ type: StatementAccountResponse }) account: StatementAccountResponse;
  @ApiProperty({ type: SanctionSubjectResponse }) subject: SanctionSubjectResponse;
  @ApiProperty({ type: StatementFlagResponse }) flag: StatementFlagResponse;
  @ApiProperty({ type: [StatementEvidenceResponse], description: 'The strongest evidence (at most 10)' })
  evidence: StatementEvidenceResponse[];
  @ApiProperty({ type: StatementStrikeResponse, nullable: true, description: 'null for an interim action' })
  strike: StatementStrikeResponse | null;
}

export class StatementAutomationResponse {
  @ApiProperty() detection: string;
  @ApiProperty() decision: string;
  @ApiProperty() automatedDecision: boolean;
}

export class StatementRedressResponse {
  @ApiProperty() appeal: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null for an interim action' })
  appealDeadline: string | null;
}

/** The statement of reasons (EU DSA Art. 17), as statementOfReasons writes it. */
export class StatementOfReasonsResponse {
  @ApiProperty({ type: StatementDecisionResponse }) decision: StatementDecisionResponse;
  @ApiProperty({ type: StatementGroundResponse }) ground: StatementGroundResponse;
  @ApiProperty({ type: StatementFactsResponse }) facts: StatementFactsResponse;
  @ApiProperty({ type: StatementAutomationResponse }) automation: StatementAutomationResponse;
  @ApiProperty({ type: StatementRedressResponse }) redress: StatementRedressResponse;
}
