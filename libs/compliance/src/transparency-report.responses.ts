import { ApiProperty } from '@nestjs/swagger';

// The shape of the transparency report (transparency-report.service.ts) for the OpenAPI document.

export class ReportPeriodResponse {
  @ApiProperty({ format: 'date-time', description: 'Inclusive' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) to: string;
}

export class CategoryActionCountResponse {
  @ApiProperty() category: string;
  @ApiProperty() action: string;
  @ApiProperty() count: number;
}

export class ReportSanctionsResponse {
  @ApiProperty() total: number;
  @ApiProperty() automated: number;
  @ApiProperty() human: number;
  @ApiProperty({ description: 'Revoked on appeal within the period' }) revokedInPeriod: number;
  @ApiProperty({ type: [CategoryActionCountResponse] }) byCategoryAndAction: CategoryActionCountResponse[];
}

export class MedianDelayResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'null when nothing was timed' })
  medianSeconds: number | null;
  @ApiProperty({ description: 'How many were timed' }) count: number;
}

export class ReportTimingResponse {
  @ApiProperty({ type: MedianDelayResponse }) flagToDecision: MedianDelayResponse;
  @ApiProperty({ type: MedianDelayResponse }) flagToDecisionHuman: MedianDelayResponse;
  @ApiProperty({ type: MedianDelayResponse }) flagToDecisionAutomated: MedianDelayResponse;
  @ApiProperty({ type: MedianDelayResponse, description: 'From the decision to the platform acknowledging it' })
  decisionToDelivery: MedianDelayResponse;
}

export class ReportAppealsResponse {
  @ApiProperty() submitted: number;
  @ApiProperty() upheld: number;
  @ApiProperty() revoked: number;
  @ApiProperty() pending: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Revoked over decided; null when none was decided' })
  reversalRate: number | null;
}

export class ReportFlagsResponse {
  @ApiProperty() opened: number;
  @ApiProperty() confirmed: number;
  @ApiProperty() rejected: number;
}

export class TransparencyReportResponse {
  @ApiProperty({ type: ReportPeriodResponse }) period: ReportPeriodResponse;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ type: ReportSanctionsResponse }) sanctions: ReportSanctionsResponse;
  @ApiProperty({ type: ReportTimingResponse }) timing: ReportTimingResponse;
  @ApiProperty({ type: ReportAppealsResponse }) appeals: ReportAppealsResponse;
  @ApiProperty({ type: ReportFlagsResponse }) flags: ReportFlagsResponse;
}
