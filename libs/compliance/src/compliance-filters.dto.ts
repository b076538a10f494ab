import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { FLAG_CATEGORIES } from '@qinglang/flagging';
import { CURSOR_PATTERN } from './keyset';

const ID = /^[A-Za-z0-9-]{1,36}$/;
const ID_MESSAGE = (name: string) => `${name} must be an id (letters, digits and dashes, at most 36)`;
const ISO = { strict: true };

export const SANCTION_ACTIONS = [
  'warning',
  'suspension',
  'delisting',
  'chat_mute',
  'chat_ban',
  'account_ban',
  'stream_interruption',
] as const;
export const SANCTION_STATUSES = ['active', 'expired', 'revoked', 'lifted', 'replaced'] as const;

/** A time window over the list's own instant; `from` inclusive, `to` exclusive. */
class PeriodQuery {
  @ApiPropertyOptional({ description: 'ISO 8601, inclusive' }) @IsOptional() @IsISO8601(ISO) from?: string;
  @ApiPropertyOptional({ description: 'ISO 8601, exclusive' }) @IsOptional() @IsISO8601(ISO) to?: string;
}

class PagedQuery extends PeriodQuery {
  @ApiPropertyOptional({ maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page' })
  @IsOptional()
  @Matches(CURSOR_PATTERN, { message: 'before must be a cursor returned as `next`' })
  before?: string;
}

/** What the filter resolver refuses (400) on every list and export that takes these filters. */
export const COMPLIANCE_FILTER_ERRORS = [
  'unknown_platform',
  'unknown_account',
  'account_not_on_platform',
  'account_filter_ambiguous',
  'platform_required',
  'unknown_reviewer',
];

/** Filters of the sanctions list; the exports take the same ones. */
export class SanctionFilterQuery extends PeriodQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: ID_MESSAGE('platformId') }) platformId?: string;
  @ApiPropertyOptional({ description: "Qinglang's id of the account (an unknown one is a 400 unknown_account)" })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('accountId') })
  accountId?: string;
  @ApiPropertyOptional({ description: "The platform's own id for the account; needs platformId" })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  externalAccountId?: string;
  @ApiPropertyOptional({ enum: FLAG_CATEGORIES }) @IsOptional() @IsIn(FLAG_CATEGORIES) category?: string;
  @ApiPropertyOptional({ enum: SANCTION_ACTIONS }) @IsOptional() @IsIn(SANCTION_ACTIONS) action?: string;
  @ApiPropertyOptional({ enum: SANCTION_STATUSES }) @IsOptional() @IsIn(SANCTION_STATUSES) status?: string;
  @ApiPropertyOptional({ description: 'A staff id among those who decided' })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('reviewerId') })
  reviewerId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) automated?: 'true' | 'false';
}

export class SanctionListQuery extends SanctionFilterQuery {
  @ApiPropertyOptional({ maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page' })
  @IsOptional()
  @Matches(CURSOR_PATTERN, { message: 'before must be a cursor returned as `next`' })
  before?: string;
}

export class FlagListQuery extends PagedQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: ID_MESSAGE('platformId') }) platformId?: string;
  @ApiPropertyOptional({ description: "Qinglang's id of the account (an unknown one is a 400 unknown_account)" })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('accountId') })
  accountId?: string;
  @ApiPropertyOptional({ description: "The platform's own id for the account; needs platformId" })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  externalAccountId?: string;
  @ApiPropertyOptional({ enum: FLAG_CATEGORIES }) @IsOptional() @IsIn(FLAG_CATEGORIES) category?: string;
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) status?: string;
  @ApiPropertyOptional({ enum: ['pending', 'escalated', 'awaiting_second', 'confirmed', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'escalated', 'awaiting_second', 'confirmed', 'rejected'])
  reviewState?: string;
}

export class DecisionListQuery extends PagedQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: ID_MESSAGE('platformId') }) platformId?: string;
  @ApiPropertyOptional({ description: "Qinglang's id of the account (an unknown one is a 400 unknown_account)" })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE('accountId') })
  accountId?: string;
  @ApiPropertyOptional({ description: "The platform's own id for the account; needs platformId" })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  externalAccountId?: string;
  @ApiPropertyOptional({ enum: FLAG_CATEGORIES }) @IsOptional() @IsIn(FLAG_CATEGORIES) category?: string;
  @ApiPropertyOptional({ enum: ['confirm', 'reject', 'escalate'] })
  @IsOptional()
  @IsIn(['confirm', 'reject', 'escalate'])
  verdict?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: ID_MESSAGE('reviewerId') }) reviewerId?: string;
}

export class ComplianceDeliveriesQuery {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'failed'])
  status?: 'pending' | 'delivered' | 'failed';
  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: ID_MESSAGE('platformId') }) platformId?: string;
  @ApiPropertyOptional({ maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class TransparencyReportQuery {
  @ApiProperty({ description: 'ISO 8601, inclusive' }) @IsISO8601(ISO) from: string;
  @ApiProperty({ description: 'ISO 8601, exclusive' }) @IsISO8601(ISO) to: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv']) format?:
    'json' | 'csv';
}
