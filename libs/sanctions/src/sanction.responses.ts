import { ApiProperty } from '@nestjs/swagger';
import { SANCTION_ACTIONS } from '@qinglang/policy';
import {
  ContentActionResponse,
  MonetaryActionResponse,
  SanctionSubjectResponse,
  StatementOfReasonsResponse,
} from './statement.responses';

// The shapes of sanctionView (sanction-view.ts) and appealView for the OpenAPI document; the e2e suites check each
// response against them.

export class SanctionAccountResponse {
  @ApiProperty({ description: "Qinglang's id of the account" }) id: string;
  @ApiProperty({ type: String, nullable: true, description: "The platform's own id of the account" })
  externalId: string | null;
}

export class SanctionResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['sanction', 'interim'], description: 'interim: taken before review (a stream interrupted)' })
  kind: string;
  @ApiProperty({
    enum: ['creator', 'viewer'],
    description: 'creator (warning → suspension → delisting) or viewer (chat mute → chat ban → account ban)',
  })
  ladder: string;
  @ApiProperty({ example: 'gambling' }) category: string;
  @ApiProperty({ enum: [...SANCTION_ACTIONS, 'stream_interruption'] }) action: string;
  @ApiProperty({ type: Number, nullable: true }) durationDays: number | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked', 'lifted', 'replaced'] }) status: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Which strike in the window (1 = first)' })
  strikeNumber: number | null;
  @ApiProperty({ example: 'gambling_promotion' }) reasonCode: string;
  @ApiProperty({ type: SanctionAccountResponse }) account: SanctionAccountResponse;
  @ApiProperty({
    type: SanctionSubjectResponse,
    nullable: true,
    description: 'The stream, post or account, with its external id',
  })
  subject: SanctionSubjectResponse | null;
  @ApiProperty() flagId: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason: string | null;
  @ApiProperty({
    type: ContentActionResponse,
    nullable: true,
    description: "What to do to the content: cut the stream, take a post down (a creator's sanction only)",
  })
  contentAction: ContentActionResponse | null;
  @ApiProperty({ type: MonetaryActionResponse, nullable: true, description: 'Tip income frozen until a time' })
  monetaryAction: MonetaryActionResponse | null;
  @ApiProperty() automated: boolean;
  @ApiProperty({ type: [String], description: 'Staff ids of the reviewers who confirmed' }) decidedBy: string[];
  @ApiProperty() policyVersion: string;
  @ApiProperty({ type: [String] }) modelVersions: string[];
  @ApiProperty({
    type: StatementOfReasonsResponse,
    description:
      'The statement of reasons (EU DSA Art. 17): the decision, its ground, the facts and evidence, whether automated, how to appeal',
  })
  statement: StatementOfReasonsResponse;
}

export class AppealResponse {
  @ApiProperty() id: string;
  @ApiProperty() sanctionId: string;
  @ApiProperty() accountId: string;
  @ApiProperty() statement: string;
  @ApiProperty({ enum: ['pending', 'upheld', 'revoked'] }) status: string;
  @ApiProperty({ type: String, nullable: true, description: 'The staff id of the senior reviewer' })
  decidedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
}

export class IdentityAccountResponse {
  @ApiProperty() id: string;
  @ApiProperty() externalId: string;
}

export class BanEvasionFlagRefResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'ban_evasion' }) category: string;
}

export class IdentityResultResponse {
  @ApiProperty({ type: IdentityAccountResponse }) account: IdentityAccountResponse;
  @ApiProperty({
    type: BanEvasionFlagRefResponse,
    nullable: true,
    description: 'Raised when the identity is that of a delisted person',
  })
  banEvasionFlag: BanEvasionFlagRefResponse | null;
}
