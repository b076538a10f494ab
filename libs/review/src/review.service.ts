import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@qinglang/audit';
import { CLOCK, Clock } from '@qinglang/config';
import { FLAG_CATEGORIES, FlagReviewState, FlagsService, ROOM_FLOODED } from '@qinglang/flagging';
import type { Flag, FlagCategory, ReviewState } from '@qinglang/flagging';
import { ApiError } from '@qinglang/operations';
import { newId } from '@qinglang/persistence';
import { PolicyService } from '@qinglang/policy';
import { Sanction, SanctionEngine, expectationOf, ladderOf, needsExpectation } from '@qinglang/sanctions';
import type { Consequence } from '@qinglang/sanctions';
import type { StaffUser } from '@qinglang/staff';
import { ReviewDecision, ReviewVerdict } from './review-decision.entity';
import { holdsClaim, reviewTransition } from './review-transition';

export interface DecisionInput {
  verdict: ReviewVerdict;
  /** For a confirmation: the category confirmed (defaults to the flag's). */
  category?: FlagCategory;
  reasonCode: string;
  note?: string;
  /**
   * The sanction the reviewer saw in the consequence preview (`delisting`, `suspension 30d`, `account_ban`):
   * required when the confirmation brings a delisting, a ban or 30 days or more, so a stale view never does.
   */
  expect?: string;
}

export interface DecisionOutcome {
  flag: { id: string; reviewState: ReviewState; status: Flag['status'] };
  decision: ReviewDecision;
  /** What the confirmation issued: one sanction, one per sender of a cluster, or none. */
  sanctions: Sanction[];
}

export interface ConsequencePreview {
  action: string | null;
  durationDays: number | null;
  strikeNumber: number | null;
  windowDays: number | null;
  ladder: 'creator' | 'viewer' | null;
  /** Accounts sanctioned (a cluster's senders each). */
  accounts: number;
  /** Cluster senders already sanctioned for these lines on another flag. */
  alreadySanctioned: number;
  /** How many accounts get each sanction (`{"chat_mute 1d": 28, "chat_ban 30d": 2}`). */
  byAction: Record<string, number>;
  secondReviewer: boolean;
  contentAction: 'cut_stream' | 'take_down_post' | null;
  /** What `expect` must say to confirm with this reason; null when no echo is needed. */
  expect: string | null;
}

const countBy = (values: string[]): Record<string, number> =>
  values.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});

/** What a creator's sanction does to the content (mirrors the engine): a viewer's leaves the room alone. */
function contentActionOf(
  flag: Flag,
  ladder: 'creator' | 'viewer',
  action: string,
): ConsequencePreview['contentAction'] {
  if (ladder !== 'creator') return null;
  if (flag.subjectKind === 'post') return 'take_down_post';
  return flag.subjectKind === 'stream' && action !== 'warning' ? 'cut_stream' : null;
}

/** What each role may claim: escalations only reach senior reviewers. */
const CLAIMABLE: Record<string, ReviewState[]> = {
  reviewer: ['pending', 'awaiting_second'],
  senior_reviewer: ['escalated', 'pending', 'awaiting_second'],
};

/**
 * The review workflow: claim the next flag (a lease), decide it (confirm, reject, escalate), and, where policy
 * wants two reviewers for the sanction a confirmation brings, hold it for a second, different reviewer. Every
 * step is one transaction with its audit entry; a confirmation's sanction is issued in the same transaction.
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: FlagReviewState,
    private readonly flags: FlagsService,
    private readonly policy: PolicyService,
    private readonly engine: SanctionEngine,
    private readonly audit: AuditLog,
  ) {}

  /** The reviewer's current claim, or the next flag in priority order they may take; null when the queue is empty. */
  async claimNext(reviewer: StaffUser): Promise<Flag | null> {
    const now = this.clock.now();
    const held = await this.states.heldBy(reviewer.id, now);
    if (held) return held;
    const states = CLAIMABLE[reviewer.role] ?? [];
    const { agingPerHour } = this.policy.policy.review;
    for (let round = 0; round < 5; round++) {
      const candidates = await this.states.claimable(states, now, agingPerHour, 20);
      if (!candidates.length) return null;
      for (const flag of candidates) {
        if (
          flag.reviewState === 'awaiting_second' &&
          (await this.firstConfirmer(this.dataSource.manager, flag.id)) === reviewer.id
        )
          continue;
        const claimed = await this.claimIn(flag, reviewer, now, states);
        if (claimed) return claimed;
      }
    }
    return null;
  }

  /** Claims one particular flag (from the queue view). */
  async claim(reviewer: StaffUser, flagId: string): Promise<Flag> {
    const now = this.clock.now();
    const flag = await this.load(this.dataSource.manager, flagId);
    if (flag.status !== 'open')
      throw new ApiError(409, 'flag_already_decided', `Flag ${flagId} was already ${flag.reviewState}.`);
    if (flag.reviewState === 'escalated' && reviewer.role !== 'senior_reviewer')
      throw new ApiError(403, 'senior_review_required', 'This flag was escalated: only a senior reviewer may take it.');
    if (
      flag.reviewState === 'awaiting_second' &&
      (await this.firstConfirmer(this.dataSource.manager, flagId)) === reviewer.id
    ) {
      throw new ApiError(
        409,
        'second_reviewer_required',
        'You confirmed this flag already: a different reviewer must confirm it.',
      );
    }
    const claimed = await this.claimIn(flag, reviewer, now, CLAIMABLE[reviewer.role] ?? []);
    if (!claimed)
      throw new ApiError(
        409,
        'flag_claimed',
        `Flag ${flagId} is being reviewed by someone else until ${flag.claimExpiresAt?.toISOString()}.`,
      );
    return claimed;
  }

  async release(reviewer: StaffUser, flagId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.states.release(manager, flagId, reviewer.id)))
        throw new ApiError(409, 'flag_not_claimed', `You do not hold flag ${flagId}.`);
      await this.audit.record(manager, {
        action: 'flag.released',
        actor: { kind: 'staff', id: reviewer.id },
        subject: { kind: 'flag', id: flagId },
        data: {},
      });
    });
  }

  async decide(reviewer: StaffUser, flagId: string, input: DecisionInput): Promise<DecisionOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      // The account's lock first, as the sanction engine takes it: the strike count this decision plans with
      // (and so whether a second reviewer is needed) cannot change before its sanction is issued, and an
      // auto-action for the flag cannot slip in between a rejection and the lifting it triggers.
      await this.engine.lockAccounts(manager, await this.load(manager, flagId));
      const flag = await this.load(manager, flagId);
      if (flag.status !== 'open')
        throw new ApiError(409, 'flag_already_decided', `Flag ${flagId} was already ${flag.reviewState}.`);
      if (!holdsClaim(flag, reviewer.id, now)) {
        throw new ApiError(
          409,
          'flag_not_claimed',
          `You do not hold a claim on flag ${flagId}: claim it first (POST /v1/review/claims).`,
        );
      }
      const category = input.category ?? flag.category;
      this.checkReason(input, category, reviewer, flag);
      const consequence =
        input.verdict === 'confirm'
          ? await this.engine.consequence(manager, flag, category, input.reasonCode, now)
          : null;
      const planned = consequence?.strongest ?? null;
      // Severe: the echo is required. Given for a milder one, it must still match what would be issued.
      const mismatch = planned && input.expect !== undefined && input.expect !== expectationOf(planned.rung);
      if (planned && ((needsExpectation(planned) && input.expect === undefined) || mismatch)) {
        const expected = expectationOf(planned.rung);
        throw new ApiError(
          409,
          'consequence_not_expected',
          input.expect
            ? `This confirmation would issue ${expected}, not ${input.expect}: the account's record changed since you looked. Review it and send expect: "${expected}".`
            : `This confirmation would issue ${expected}: send expect: "${expected}" to confirm that you mean it.`,
          {
            sanction: {
              action: planned.rung.action,
              durationDays: planned.rung.days ?? null,
              strikeNumber: planned.strikeNumber,
              ladder: planned.ladder,
              expect: expected,
            },
            accounts: consequence!.targets.length,
          },
        );
      }
      const firstConfirmer =
        input.verdict === 'confirm' && flag.reviewState === 'awaiting_second'
          ? await this.firstConfirmer(manager, flagId)
          : null;
      const transition = reviewTransition({
        verdict: input.verdict,
        from: flag.reviewState,
        plannedAction: planned?.rung.action,
        secondReviewerFor: this.policy.policy.review.secondReviewerFor,
        firstConfirmer,
        reviewerId: reviewer.id,
      });
      if ('refused' in transition)
        throw new ApiError(409, transition.refused, 'A different reviewer must give the second confirmation.');
      const to = transition.to;
      if (!(await this.states.decide(manager, flagId, reviewer.id, now, to))) {
        throw new ApiError(409, 'flag_already_decided', `Flag ${flagId} was decided or released a moment ago.`);
      }
      const decision = Object.assign(new ReviewDecision(), {
        id: newId(),
        flagId,
        platformId: flag.platformId,
        accountId: flag.accountId,
        reviewerId: reviewer.id,
        reviewerRole: reviewer.role,
        verdict: input.verdict,
        category,
        reasonCode: input.reasonCode,
        note: input.note ?? '',
        policyVersion: this.policy.version,
        modelVersions: flag.modelVersions,
        decidedAt: now,
      });
      await manager.insert(ReviewDecision, decision);
      let sanctions: Sanction[] = [];
      if (to === 'confirmed') {
        sanctions = await this.engine.issue(manager, {
          flag,
          category,
          reasonCode: input.reasonCode,
          decidedBy: [...(firstConfirmer ? [firstConfirmer] : []), reviewer.id],
        });
      } else if (to === 'rejected') {
        if (flag.party === 'cluster') await this.states.settleMerged(manager, flagId, 'rejected', now);
        await this.engine.endInterim(manager, flagId, 'lifted', `review rejected the flag (${input.reasonCode})`, {
          kind: 'staff',
          id: reviewer.id,
        });
      }
      const action = {
        confirmed: 'flag.confirmed',
        awaiting_second: 'flag.confirmation_pending',
        rejected: 'flag.rejected',
        escalated: 'flag.escalated',
        pending: 'flag.released',
        merged: 'flag.merged',
      }[to];
      await this.audit.record(manager, {
        action,
        actor: { kind: 'staff', id: reviewer.id },
        platformId: flag.platformId,
        subject: { kind: 'flag', id: flagId },
        data: {
          decisionId: decision.id,
          verdict: input.verdict,
          category,
          reasonCode: input.reasonCode,
          note: decision.note,
          reviewerRole: reviewer.role,
          reviewState: to,
          sanctionId: sanctions[0]?.id ?? null,
          sanctionIds: sanctions.map((x) => x.id),
          expect: input.expect ?? null,
          policyVersion: decision.policyVersion,
          modelVersions: decision.modelVersions,
        },
      });
      return {
        flag: { id: flagId, reviewState: to, status: to === 'confirmed' || to === 'rejected' ? 'closed' : 'open' },
        decision,
        sanctions,
      };
    });
  }

  /**
   * What confirming the flag would do now, per reason code: the sanction (action, days, strike number in the
   * window), how many accounts it lands on, whether a second reviewer is needed, what happens to the content, and
   * the `expect` the decision must echo when it is severe.
   */
  async preview(flag: Flag): Promise<Record<string, ConsequencePreview>> {
    if (flag.status !== 'open') return {};
    const now = this.clock.now();
    const previews: Record<string, ConsequencePreview> = {};
    const codes = Object.keys(this.engine.reasonsFor(flag.category)).filter(
      (code) => (code === ROOM_FLOODED) === (flag.party === 'room'),
    );
    // The viewer ladder takes no reason into account: a cluster of a thousand senders is planned once, not per reason.
    let viewerConsequence: Consequence | undefined;
    for (const reasonCode of codes) {
      const consequence =
        ladderOf(flag) === 'viewer'
          ? (viewerConsequence ??= await this.engine.consequence(
              this.dataSource.manager,
              flag,
              flag.category,
              reasonCode,
              now,
            ))
          : await this.engine.consequence(this.dataSource.manager, flag, flag.category, reasonCode, now);
      const planned = consequence.strongest;
      previews[reasonCode] = {
        action: planned?.rung.action ?? null,
        durationDays: planned?.rung.days ?? null,
        strikeNumber: planned?.strikeNumber ?? null,
        windowDays: planned?.windowDays ?? null,
        ladder: planned?.ladder ?? null,
        accounts: consequence.targets.length,
        alreadySanctioned: consequence.alreadySanctioned.length,
        byAction: countBy(consequence.targets.map((t) => expectationOf(t.planned.rung))),
        secondReviewer: !!planned && this.policy.policy.review.secondReviewerFor.includes(planned.rung.action),
        contentAction: planned ? contentActionOf(flag, planned.ladder, planned.rung.action) : null,
        expect: planned && needsExpectation(planned) ? expectationOf(planned.rung) : null,
      };
    }
    return previews;
  }

  decisionsOf(flagId: string): Promise<ReviewDecision[]> {
    return this.dataSource.getRepository(ReviewDecision).find({ where: { flagId }, order: { decidedAt: 'ASC' } });
  }

  /** The reason codes a verdict on this flag may give, from the policy. */
  private reasonCodes(verdict: DecisionInput['verdict'], category: FlagCategory): string[] {
    if (verdict === 'confirm') return Object.keys(this.engine.reasonsFor(category));
    return verdict === 'reject' ? this.policy.policy.review.rejectReasons : this.policy.policy.review.escalateReasons;
  }

  private checkReason(input: DecisionInput, category: FlagCategory, reviewer: StaffUser, flag: Flag): void {
    // Before the reason: no code makes this escalation possible, so asking for one would list codes of no use.
    if (input.verdict === 'escalate' && reviewer.role === 'senior_reviewer' && flag.reviewState === 'escalated')
      throw new ApiError(
        422,
        'cannot_escalate',
        'An escalated flag is decided by a senior reviewer: confirm or reject it.',
      );
    if (!input.reasonCode)
      throw new ApiError(
        400,
        'reason_code_required',
        `A decision needs a reasonCode: to ${input.verdict} this flag, one of ${this.reasonCodes(input.verdict, category).join(', ')}.`,
      );
    if (input.verdict === 'confirm') {
      if (!(FLAG_CATEGORIES as readonly string[]).includes(category))
        throw new ApiError(422, 'unknown_category', `${category} is not a category.`);
      if ((category === 'ban_evasion') !== (flag.category === 'ban_evasion'))
        throw new ApiError(422, 'category_mismatch', 'Ban evasion is confirmed as ban evasion, and only it.');
      const reasons = this.engine.reasonsFor(category);
      // A room answers for a flood under its own reason, and that reason is for nothing else.
      if ((input.reasonCode === ROOM_FLOODED) !== (flag.party === 'room'))
        throw new ApiError(
          422,
          'reason_not_for_flag',
          flag.party === 'room'
            ? `A room flag is confirmed with ${ROOM_FLOODED}: the room answers for the flood, not for the lines.`
            : `${ROOM_FLOODED} is only for a room flag.`,
        );
      if (!Object.hasOwn(reasons, input.reasonCode))
        throw new ApiError(
          422,
          'unknown_reason_code',
          `${input.reasonCode} is not a reason for ${category}: use one of ${Object.keys(reasons).join(', ')}.`,
        );
    } else if (input.verdict === 'reject') {
      const reasons = this.policy.policy.review.rejectReasons;
      if (!reasons.includes(input.reasonCode))
        throw new ApiError(
          422,
          'unknown_reason_code',
          `${input.reasonCode} is not a reason to reject: use one of ${reasons.join(', ')}.`,
        );
    } else {
      const reasons = this.policy.policy.review.escalateReasons;
      if (!reasons.includes(input.reasonCode))
        throw new ApiError(
          422,
          'unknown_reason_code',
          `${input.reasonCode} is not a reason to escalate: use one of ${reasons.join(', ')}.`,
        );
    }
  }

  private async claimIn(flag: Flag, reviewer: StaffUser, now: Date, states: ReviewState[]): Promise<Flag | null> {
    const until = new Date(now.getTime() + this.policy.policy.review.claimLeaseSeconds * 1000);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.states.tryClaim(manager, flag.id, reviewer.id, until, now, states))) return null;
      await this.audit.record(manager, {
        action: 'flag.claimed',
        actor: { kind: 'staff', id: reviewer.id },
        platformId: flag.platformId,
        subject: { kind: 'flag', id: flag.id },
        data: { until: until.toISOString(), reviewState: flag.reviewState },
      });
      return Object.assign(flag, { claimedBy: reviewer.id, claimExpiresAt: until });
    });
  }

  private async firstConfirmer(manager: EntityManager, flagId: string): Promise<string | null> {
    const first = await manager.findOne(ReviewDecision, {
      where: { flagId, verdict: 'confirm' },
      order: { decidedAt: 'DESC' },
    });
    return first?.reviewerId ?? null;
  }

  private async load(manager: EntityManager, flagId: string): Promise<Flag> {
    const flag = await this.flags.get(flagId, manager);
    if (!flag) throw new ApiError(404, 'flag_not_found', `No such flag: ${flagId}`);
    return flag;
  }
}
