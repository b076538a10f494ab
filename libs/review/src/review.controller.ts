import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { CLOCK, Clock } from '@qinglang/config';
import { FLAG_CATEGORIES, FlagReviewState, FlagsService, flagView } from '@qinglang/flagging';
import type { Flag, FlagCategory } from '@qinglang/flagging';
import { AccountsService, BatchesService } from '@qinglang/ingest';
import { FramesService, evidenceImage } from '@qinglang/media';
import { ApiError, ApiErrors } from '@qinglang/operations';
import { POLICY_CATEGORIES, PolicyService } from '@qinglang/policy';
import {
  AppealResponse,
  AppealsService,
  SanctionEngine,
  SanctionRecords,
  appealView,
  sanctionView,
} from '@qinglang/sanctions';
import type { AppealStatus } from '@qinglang/sanctions';
import { CurrentStaff, StaffOnly, StaffService } from '@qinglang/staff';
import type { StaffUser } from '@qinglang/staff';
import { MediaStore } from '@qinglang/storage';
import { ReviewService } from './review.service';
import { reviewerEvidenceView } from './reviewer-evidence';
import {
  ClaimedFlagResponse,
  ConsequencePreviewResponse,
  DecisionOutcomeResponse,
  MaybeFlagResponse,
  ReviewAppealListResponse,
  ReviewFlagResponse,
  ReviewQueueResponse,
  ReviewReasonsResponse,
} from './review.responses';

export class DecisionDto {
  @ApiProperty({ enum: ['confirm', 'reject', 'escalate'] }) @IsIn(['confirm', 'reject', 'escalate']) verdict:
    'confirm' | 'reject' | 'escalate';
  @ApiPropertyOptional({ enum: FLAG_CATEGORIES, description: "Confirm as this category (defaults to the flag's)" })
  @IsOptional()
  @IsIn(FLAG_CATEGORIES)
  category?: FlagCategory;
  @ApiProperty({
    description:
      "Required. A reason code from GET /v1/review/reasons: confirm with one of the category's (`confirm`), reject with one of `reject`, escalate with one of `escalate` (config/policy.yaml); a missing one answers 400 reason_code_required, an unknown one 422 unknown_reason_code, each naming the valid codes",
    example: 'gambling_promotion',
  })
  // An empty code is a missing one (a form's blank field): the service then names the valid codes.
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  reasonCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({
    description:
      'The sanction the consequence preview showed (`consequences[reasonCode].expect`): required for a delisting, a ban or 30 days or more; a mismatch answers 409 consequence_not_expected',
    example: 'delisting',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  expect?: string;
}

export class AppealDecisionDto {
  @ApiProperty({ enum: ['uphold', 'revoke'] }) @IsIn(['uphold', 'revoke']) outcome: 'uphold' | 'revoke';
  @ApiProperty() @IsString() @Length(1, 2000) note: string;
}

export class QueueQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AppealsQuery {
  @ApiPropertyOptional({ enum: ['pending', 'upheld', 'revoked'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'upheld', 'revoked'])
  status?: AppealStatus;
}

const HOUR_MS = 3_600_000;

@ApiTags('review')
@ApiExtraModels(ConsequencePreviewResponse)
@StaffOnly('reviewer')
@Controller('v1/review')
export class ReviewController {
  constructor(
    private readonly sanctions: SanctionRecords,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly review: ReviewService,
    private readonly states: FlagReviewState,
    private readonly flags: FlagsService,
    private readonly accounts: AccountsService,
    private readonly batches: BatchesService,
    private readonly frames: FramesService,
    private readonly storage: MediaStore,
    private readonly staff: StaffService,
    private readonly policy: PolicyService,
    private readonly engine: SanctionEngine,
    private readonly appeals: AppealsService,
  ) {}

  @Get('queue')
  @ApiOperation({ summary: 'Open flags by priority, with who holds each and how long it has waited' })
  @ApiOkResponse({ type: ReviewQueueResponse })
  async queue(@Query() query: QueueQuery) {
    const now = this.clock.now();
    const flags = await this.states.open(now, this.policy.policy.review.agingPerHour, query.limit ?? 100);
    const accounts = await this.accounts.externalIds(flags.map((f) => f.accountId));
    const names = await this.staff.names(flags.map((f) => f.claimedBy ?? ''));
    const aging = this.policy.policy.review.agingPerHour;
    const rows = flags.map((flag) => {
      const claimed = flag.claimedBy && flag.claimExpiresAt && flag.claimExpiresAt > now;
      return {
        ...flagView(flag, accounts.get(flag.accountId)),
        priority: Number((flag.priority + ((now.getTime() - flag.openedAt.getTime()) / HOUR_MS) * aging).toFixed(3)),
        audience: flag.audience,
        waitingSeconds: Math.round((now.getTime() - flag.openedAt.getTime()) / 1000),
        claim: claimed
          ? { by: names.get(flag.claimedBy!) ?? flag.claimedBy, expiresAt: flag.claimExpiresAt!.toISOString() }
          : null,
      };
    });
    return { flags: rows.sort((a, b) => b.priority - a.priority) };
  }

  @Get('reasons')
  @ApiOperation({ summary: 'Reason codes to confirm each category with, to reject and to escalate' })
  @ApiOkResponse({ type: ReviewReasonsResponse })
  reasons() {
    const confirm = Object.fromEntries(
      [...POLICY_CATEGORIES, 'ban_evasion' as const].map((c) => [c, this.engine.reasonsFor(c)]),
    );
    const { rejectReasons: reject, escalateReasons: escalate } = this.policy.policy.review;
    return { confirm, reject, escalate, policyVersion: this.policy.version };
  }

  @Post('claims')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Claim the next flag (or get back the one you hold); `flag` is null when the queue is empty',
  })
  @ApiOkResponse({ type: MaybeFlagResponse })
  async claimNext(@CurrentStaff() reviewer: StaffUser) {
    const flag = await this.review.claimNext(reviewer);
    return { flag: flag ? await this.detail(flag) : null };
  }

  @Post('flags/:id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim this flag (for the claim time of the policy); 409 when someone else holds it' })
  @ApiOkResponse({ type: ClaimedFlagResponse })
  @ApiErrors({
    403: ['senior_review_required'],
    404: ['flag_not_found'],
    409: ['flag_already_decided', 'flag_claimed', 'second_reviewer_required'],
  })
  async claim(@CurrentStaff() reviewer: StaffUser, @Param('id') id: string) {
    return { flag: await this.detail(await this.review.claim(reviewer, id)) };
  }

  @Delete('flags/:id/claim')
  @HttpCode(204)
  @ApiOperation({ summary: 'Give back a flag you hold, undecided' })
  @ApiNoContentResponse({ description: 'Released' })
  @ApiErrors({ 404: ['flag_not_found'], 409: ['flag_not_claimed'] })
  async release(@CurrentStaff() reviewer: StaffUser, @Param('id') id: string) {
    await this.review.release(reviewer, id);
  }

  @Get('flags/:id')
  @ApiOperation({
    summary:
      'A flag with its evidence (frames with times, text with spans, tips on a timeline), decisions and the account history',
  })
  @ApiOkResponse({ type: ReviewFlagResponse })
  @ApiErrors({ 404: ['flag_not_found'] })
  async get(@Param('id') id: string) {
    const flag = await this.flags.get(id);
    if (!flag) throw new ApiError(404, 'flag_not_found', `No such flag: ${id}`);
    return this.detail(flag);
  }

  @Post('flags/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm (category + reason code), reject (reason code) or escalate a flag you hold' })
  @ApiOkResponse({ type: DecisionOutcomeResponse })
  @ApiErrors({
    400: ['reason_code_required'],
    403: ['senior_review_required'],
    404: ['flag_not_found'],
    409: [
      'flag_already_decided',
      'flag_not_claimed',
      'consequence_not_expected',
      'second_reviewer_required',
      'already_sanctioned',
    ],
    422: ['unknown_category', 'category_mismatch', 'reason_not_for_flag', 'unknown_reason_code', 'cannot_escalate'],
  })
  async decide(@CurrentStaff() reviewer: StaffUser, @Param('id') id: string, @Body() body: DecisionDto) {
    // A missing reason code is refused by the service, which knows the flag's category and so the valid codes.
    const outcome = await this.review.decide(reviewer, id, { ...body, reasonCode: body.reasonCode ?? '' });
    return {
      flag: outcome.flag,
      decisionId: outcome.decision.id,
      sanction: outcome.sanctions[0] ? sanctionView(outcome.sanctions[0]) : null,
      sanctions: outcome.sanctions.map(sanctionView),
    };
  }

  @Get('frames/:id/image')
  @ApiOperation({ summary: 'The JPEG of a frame that is evidence of a flag' })
  @ApiOkResponse({ content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors({ 404: ['frame_not_found', 'frame_image_missing'], 410: ['media_deleted_by_retention'] })
  async frame(@Param('id') id: string): Promise<StreamableFile> {
    const frame = await this.frames.getForPlatform(undefined, id);
    return evidenceImage(this.storage, frame);
  }

  @Get('appeals')
  @StaffOnly('senior_reviewer')
  @ApiOperation({
    summary: 'Appeals (pending by default), each with the sanction it is about and who decided that sanction',
  })
  @ApiOkResponse({ type: ReviewAppealListResponse })
  async listAppeals(@Query() query: AppealsQuery) {
    const appeals = await this.appeals.list({ status: query.status ?? 'pending' });
    const sanctions = await this.sanctions.byIds(appeals.map((a) => a.sanctionId));
    const byId = new Map(sanctions.map((s) => [s.id, s]));
    const names = await this.staff.names([
      ...sanctions.flatMap((s) => s.decidedBy),
      ...appeals.map((a) => a.decidedBy ?? ''),
    ]);
    return {
      appeals: appeals.map((appeal) => {
        const sanction = byId.get(appeal.sanctionId);
        return {
          ...appealView(appeal),
          decidedByName: appeal.decidedBy ? (names.get(appeal.decidedBy) ?? null) : null,
          sanction: sanction
            ? { ...sanctionView(sanction), decidedByNames: sanction.decidedBy.map((id) => names.get(id) ?? id) }
            : null,
        };
      }),
    };
  }

  @Post('appeals/:id/decision')
  @HttpCode(200)
  @StaffOnly('senior_reviewer')
  @ApiOperation({ summary: 'Uphold or revoke the sanction an appeal is about (senior reviewers)' })
  @ApiOkResponse({ type: AppealResponse })
  @ApiErrors({
    403: ['conflict_of_interest'],
    404: ['appeal_not_found'],
    409: ['appeal_already_decided', 'not_appealable'],
  })
  async decideAppeal(@CurrentStaff() reviewer: StaffUser, @Param('id') id: string, @Body() body: AppealDecisionDto) {
    return appealView(await this.appeals.decide(reviewer, id, body.outcome, body.note));
  }

  private async detail(flag: Flag) {
    const [evidence, decisions, history, linked, consequences] = await Promise.all([
      this.flags.evidenceOf(flag.id),
      this.review.decisionsOf(flag.id),
      this.sanctions.historyOf(flag.accountId, 50),
      this.flags.sharingEvidence(flag.id),
      this.review.preview(flag),
    ]);
    const members = [...new Set(evidence.map((e) => e.actorAccountId ?? ''))].filter(Boolean);
    const accountIds = await this.accounts.externalIds([flag.accountId, ...members]);
    const names = await this.staff.names([...decisions.map((d) => d.reviewerId), flag.claimedBy ?? '']);
    const tips =
      flag.subjectKind === 'stream'
        ? await this.batches.tipsOfStream(
            flag.subjectId,
            new Date(flag.openedAt.getTime() - HOUR_MS),
            new Date(flag.updatedAt.getTime() + HOUR_MS),
          )
        : [];
    const deletedImages = await this.frames.deletedAmong(
      evidence.filter((e) => e.sourceKind === 'frame' || e.sourceKind === 'frame_text').map((e) => e.sourceId),
    );
    const now = this.clock.now();
    return {
      ...flagView(flag, accountIds.get(flag.accountId), evidence),
      evidence: evidence.map((e) => reviewerEvidenceView(e, deletedImages.get(e.sourceId))),
      waitingSeconds: Math.round((now.getTime() - flag.openedAt.getTime()) / 1000),
      claim:
        flag.claimedBy && flag.claimExpiresAt && flag.claimExpiresAt > now
          ? {
              by: names.get(flag.claimedBy) ?? flag.claimedBy,
              reviewerId: flag.claimedBy,
              expiresAt: flag.claimExpiresAt.toISOString(),
            }
          : null,
      tips: tips.slice(0, 500).map((t) => ({
        id: t.id,
        tipperId: t.tipperId,
        ageBand: t.ageBand,
        amount: t.amount,
        currency: t.currency,
        giftName: t.giftName,
        at: t.sentAt.toISOString(),
      })),
      decisions: decisions.map((d) => ({
        id: d.id,
        verdict: d.verdict,
        category: d.category,
        reasonCode: d.reasonCode,
        note: d.note,
        reviewer: names.get(d.reviewerId) ?? d.reviewerId,
        reviewerRole: d.reviewerRole,
        policyVersion: d.policyVersion,
        decidedAt: d.decidedAt.toISOString(),
      })),
      accountHistory: history.map(sanctionView),
      /** Per reason code, what confirming would issue now; a severe one must be echoed as `expect`. */
      consequences,
      /** Flags holding some of the same evidence: confirming this one resolves them as the same violation. */
      linkedFlags: linked.map((f) => ({
        id: f.id,
        party: f.party,
        subject: { kind: f.subjectKind, id: f.subjectId },
        category: f.category,
        status: f.status,
        reviewState: f.reviewState,
        linkedTo: f.linkedTo,
      })),
      ...(flag.party === 'cluster'
        ? {
            members: members.map((id) => ({
              accountId: id,
              externalId: accountIds.get(id) ?? null,
              lines: evidence.filter((e) => e.actorAccountId === id).length,
            })),
          }
        : {}),
    };
  }
}
