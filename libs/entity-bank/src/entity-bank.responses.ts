import { ApiProperty } from '@nestjs/swagger';
import { POLICY_CATEGORIES } from '@qinglang/policy';
import { ENTITY_KINDS } from '@qinglang/text-classifier';

// The shape of bankEntryView (bank-entry-view.ts) and the import's answer for the OpenAPI document.

export class BankEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty() platformId: string;
  @ApiProperty({ enum: ENTITY_KINDS }) kind: string;
  @ApiProperty({ description: 'Canonical form (lower case, no spaces)' }) value: string;
  @ApiProperty({ enum: POLICY_CATEGORIES }) category: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, nullable: true }) sourceFlagId: string | null;
  @ApiProperty({ description: 'Staff id' }) addedBy: string;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
  @ApiProperty({ description: 'In force' }) active: boolean;
  @ApiProperty({ type: String, nullable: true }) removedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) removedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) removalReason: string | null;
}

export class BankEntryListResponse {
  @ApiProperty({ type: [BankEntryResponse] }) entries: BankEntryResponse[];
}

export class BankImportResponse {
  @ApiProperty() added: number;
  @ApiProperty({ description: 'Lines whose value was in force already' }) alreadyBanked: number;
}
