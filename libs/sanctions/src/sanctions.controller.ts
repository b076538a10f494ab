import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { ApiError, ApiErrors } from '@qinglang/operations';
import { CurrentPlatform } from '@qinglang/platforms';
import type { Platform } from '@qinglang/platforms';
import { AppealsService } from './appeals.service';
import { BanEvasionService } from './ban-evasion.service';
import { SanctionRecords } from './sanction-records.service';
import { sanctionView } from './sanction-view';
import type { Appeal } from './appeal.entity';
import { AppealResponse, IdentityResultResponse, SanctionResponse } from './sanction.responses';

export class SubmitAppealDto {
  @ApiProperty({ description: "The account's own words" }) @IsString() @Length(1, 5000) statement: string;
}

export class SetIdentityDto {
  @ApiProperty({
    description: "A hash of the person's real-name identity, as the platform computes it (hex or base64, 16-128 chars)",
  })
  @IsString()
  @Matches(/^[A-Za-z0-9+/=_-]{16,128}$/, {
    message: 'identityHash must be a hash (16-128 hex or base64 characters), never the identity itself',
  })
  identityHash: string;
}

export const appealView = (appeal: Appeal) => ({
  id: appeal.id,
  sanctionId: appeal.sanctionId,
  accountId: appeal.accountId,
  statement: appeal.statement,
  status: appeal.status,
  decidedBy: appeal.decidedBy,
  decisionNote: appeal.decisionNote,
  createdAt: appeal.createdAt.toISOString(),
  decidedAt: appeal.decidedAt?.toISOString() ?? null,
});

@ApiTags('sanctions')
@Controller('v1')
export class SanctionsController {
  constructor(
    private readonly sanctions: SanctionRecords,
    private readonly appeals: AppealsService,
    private readonly banEvasion: BanEvasionService,
  ) {}

  @Get('sanctions/:id')
  @ApiOperation({ summary: 'One sanction with its statement of reasons' })
  @ApiOkResponse({ type: SanctionResponse })
  @ApiErrors({ 404: ['sanction_not_found'] })
  async get(@CurrentPlatform() platform: Platform, @Param('id') id: string) {
    const sanction = await this.sanctions.getForPlatform(platform.id, id);
    if (!sanction) throw new ApiError(404, 'sanction_not_found', `No such sanction: ${id}`);
    return sanctionView(sanction);
  }

  @Post('sanctions/:id/appeals')
  @ApiOperation({
    summary: "Submit the account's appeal against a sanction (one per sanction, within the appeal window)",
  })
  @ApiCreatedResponse({ type: AppealResponse })
  @ApiErrors({ 404: ['sanction_not_found'], 409: ['not_appealable', 'appeal_window_closed', 'appeal_exists'] })
  async appeal(@CurrentPlatform() platform: Platform, @Param('id') id: string, @Body() body: SubmitAppealDto) {
    return appealView(await this.appeals.submit(platform.id, id, body.statement));
  }

  @Get('appeals/:id')
  @ApiOperation({ summary: 'An appeal and where it stands (pending, upheld or revoked)' })
  @ApiOkResponse({ type: AppealResponse })
  @ApiErrors({ 404: ['appeal_not_found'] })
  async getAppeal(@CurrentPlatform() platform: Platform, @Param('id') id: string) {
    return appealView(await this.appeals.get(id, platform.id));
  }

  @Put('accounts/:externalId/identity')
  @ApiOperation({
    summary:
      "Tell Qinglang which person is behind an account (a hash of the real-name identity); a delisted person's new account raises a ban-evasion flag",
  })
  @ApiOkResponse({ type: IdentityResultResponse })
  async identity(
    @CurrentPlatform() platform: Platform,
    @Param('externalId') externalId: string,
    @Body() body: SetIdentityDto,
  ) {
    if (externalId.length > 128)
      throw new ApiError(400, 'validation_failed', 'An account id is at most 128 characters.');
    const { account, flag } = await this.banEvasion.setIdentity(platform.id, externalId, body.identityHash);
    return {
      account: { id: account.id, externalId: account.externalId },
      banEvasionFlag: flag ? { id: flag.id, category: flag.category } : null,
    };
  }
}
