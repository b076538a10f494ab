import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@qinglang/operations';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AccountsService } from '@qinglang/ingest';
import { CurrentPlatform } from '@qinglang/platforms';
import type { Platform } from '@qinglang/platforms';
import { FLAG_CATEGORIES } from './category';
import type { FlagCategory } from './flag.entity';
import { FlagsService } from './flags.service';
import { FlagFilterResolver } from './flag-filter-resolver.service';
import { flagView } from './flag-view';
import { FlagListResponse, FlagWithEvidenceResponse } from './flag.responses';

export class ListFlagsQuery {
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
  @ApiPropertyOptional({ enum: FLAG_CATEGORIES }) @IsOptional() @IsIn(FLAG_CATEGORIES) category?: FlagCategory;
  @ApiPropertyOptional({ enum: ['stream', 'post', 'account', 'cluster'] })
  @IsOptional()
  @IsIn(['stream', 'post', 'account', 'cluster'])
  subjectKind?: 'stream' | 'post' | 'account' | 'cluster';
  @ApiPropertyOptional({ description: "Qinglang's id of the subject (one you have not sent: 400 unknown_subject)" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  subjectId?: string;
  @ApiPropertyOptional({ description: 'Your own id of the stream, post or account; needs subjectKind' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subjectExternalId?: string;
  @ApiPropertyOptional({
    description: 'Your own id of an account: its flags, whether on its streams, its posts or its own conduct',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  accountExternalId?: string;
  @ApiPropertyOptional({ description: 'The `next` of the previous page' }) @IsOptional() @IsString() before?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

@ApiTags('flags')
@Controller('v1/flags')
export class FlagsController {
  constructor(
    private readonly flags: FlagsService,
    private readonly accounts: AccountsService,
    private readonly filters: FlagFilterResolver,
  ) {}

  @Get()
  @ApiOperation({ summary: "The platform's flags, newest first; page with `before=<last id>`" })
  @ApiOkResponse({ type: FlagListResponse })
  @ApiErrors({ 400: ['unknown_subject', 'subject_kind_required', 'subject_filter_ambiguous', 'unknown_account'] })
  async list(@CurrentPlatform() platform: Platform, @Query() query: ListFlagsQuery) {
    const { subjectExternalId: _subject, accountExternalId: _account, ...filter } = query;
    const ids = await this.filters.resolve(platform.id, query);
    const flags = await this.flags.list(platform.id, { ...filter, ...ids, limit: query.limit ?? 50 });
    const accounts = await this.accounts.externalIds(flags.map((f) => f.accountId));
    return {
      flags: flags.map((f) => flagView(f, accounts.get(f.accountId))),
      next: flags.length === (query.limit ?? 50) ? flags.at(-1)!.id : null,
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One flag with its evidence: frames with times, text spans, tip events' })
  @ApiOkResponse({ type: FlagWithEvidenceResponse })
  @ApiErrors({ 404: ['flag_not_found'] })
  async get(@CurrentPlatform() platform: Platform, @Param('id') id: string) {
    const flag = await this.flags.getForPlatform(platform.id, id);
    const accounts = await this.accounts.externalIds([flag.accountId]);
    return flagView(flag, accounts.get(flag.accountId), await this.flags.evidenceOf(flag.id));
  }
}
