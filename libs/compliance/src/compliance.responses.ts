import { ApiProperty } from '@nestjs/swagger';
import { DeliveryResponse } from '@qinglang/delivery';
import { FlagResponse } from '@qinglang/flagging';
import { AppealResponse, SanctionResponse } from '@qinglang/sanctions';

// The shapes the compliance API answers (record and sanction search, account history, deliveries) for the OpenAPI
// document; the e2e suites check each response against them.

const PAGE = { type: String, nullable: true, description: 'Pass as `before` for the next page; null on the last' };

export class PlatformRefResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class ComplianceFlagResponse extends FlagResponse {
  @ApiProperty({ type: PlatformRefResponse }) platform: PlatformRefResponse;
}

export class ComplianceFlagListResponse {
  @ApiProperty({ type: [ComplianceFlagResponse] }) flags: ComplianceFlagResponse[];
  @ApiProperty(PAGE) next: string | null;
}

export class DecisionReviewerResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ example: 'reviewer' }) role: string;
}

export class DecisionRecordResponse {
  @ApiProperty() id: string;
  @ApiProperty() flagId: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: ['confirm', 'reject', 'escalate'] }) verdict: string;
  @ApiProperty() category: string;
  @ApiProperty() reasonCode: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: DecisionReviewerResponse }) reviewer: DecisionReviewerResponse;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ type: [String] }) modelVersions: string[];
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

export class ComplianceDecisionResponse extends DecisionRecordResponse {
  @ApiProperty({ type: PlatformRefResponse }) platform: PlatformRefResponse;
}

export class ComplianceDecisionListResponse {
  @ApiProperty({ type: [ComplianceDecisionResponse] }) decisions: ComplianceDecisionResponse[];
  @ApiProperty(PAGE) next: string | null;
}

/** A sanction as compliance reads it, in the list and in each line of the JSON lines export. */
export class ComplianceSanctionResponse extends SanctionResponse {
  @ApiProperty({ type: PlatformRefResponse }) platform: PlatformRefResponse;
  @ApiProperty({ type: [String], description: 'The names of the reviewers in `decidedBy`' }) decidedByNames: string[];
}

export class ComplianceSanctionListResponse {
  @ApiProperty({ type: [ComplianceSanctionResponse] }) sanctions: ComplianceSanctionResponse[];
  @ApiProperty(PAGE) next: string | null;
}

export class HistoryAccountResponse {
  @ApiProperty({ description: "Qinglang's id" }) id: string;
  @ApiProperty({ description: "The platform's own id" }) externalId: string;
  @ApiProperty({ type: PlatformRefResponse }) platform: PlatformRefResponse;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuditActorResponse {
  @ApiProperty({ example: 'staff' }) kind: string;
  @ApiProperty() id: string;
}

export class HistoryAuditEntryResponse {
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ example: 'sanction.issued' }) action: string;
  @ApiProperty({ type: AuditActorResponse }) actor: AuditActorResponse;
  @ApiProperty({ type: AuditActorResponse }) subject: AuditActorResponse;
  // Left free on purpose: each audit action records its own facts (a sanction's account and category, a review
  // decision's note, a retention run's counts), and the entry is shown as it was hashed, whatever its release wrote.
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { accountId: '0192f0c4-…', action: 'suspension', category: 'gambling' },
    description:
      "What the entry records, as it was hashed: an object whose fields depend on the action (free-form, not a fixed shape; verify it with the entry's hash)",
  })
  data: Record<string, unknown>;
  @ApiProperty({ description: 'The chain hash of this entry' }) hash: string;
}

export class TimelineEventResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['flag', 'decision', 'sanction', 'appeal', 'audit'] }) kind: string;
  @ApiProperty({ description: 'The id of the row (the seq of an audit entry)' }) id: string;
  @ApiProperty({ example: 'flag opened: gambling (pending)' }) what: string;
}

export class AccountHistoryResponse {
  @ApiProperty({ type: HistoryAccountResponse }) account: HistoryAccountResponse;
  @ApiProperty({ description: 'Some kind had more rows than are shown (the newest are)' }) truncated: boolean;
  @ApiProperty({ type: [FlagResponse] }) flags: FlagResponse[];
  @ApiProperty({ type: [DecisionRecordResponse] }) decisions: DecisionRecordResponse[];
  @ApiProperty({ type: [SanctionResponse] }) sanctions: SanctionResponse[];
  @ApiProperty({ type: [AppealResponse] }) appeals: AppealResponse[];
  @ApiProperty({ type: [HistoryAuditEntryResponse] }) auditEntries: HistoryAuditEntryResponse[];
  @ApiProperty({ type: [TimelineEventResponse], description: 'All of the above in time order' })
  timeline: TimelineEventResponse[];
}

export class ComplianceDeliveryResponse extends DeliveryResponse {
  @ApiProperty({ type: PlatformRefResponse }) platform: PlatformRefResponse;
}

export class ComplianceDeliveryListResponse {
  @ApiProperty({ type: [ComplianceDeliveryResponse] }) deliveries: ComplianceDeliveryResponse[];
}
