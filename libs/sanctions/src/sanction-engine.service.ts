import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditLog } from '@qinglang/audit';
import { CLOCK, Clock } from '@qinglang/config';
import { Outbox, SanctionEventType } from '@qinglang/delivery';
import { FlagCategory, FlagReviewState, FlagsService } from '@qinglang/flagging';
import type { Flag } from '@qinglang/flagging';
import { ApiError, MetricsService } from '@qinglang/operations';
import { JsonObject, isUniqueViolation, lockForTransaction, newId } from '@qinglang/persistence';
import {
  LadderRung,
  POLICY_CATEGORIES,
  PolicyCategory,
  PolicyService,
  describeRung,
  isSevere,
  nextRung,
  rungSeverity,
} from '@qinglang/policy';
import { Sanction, SanctionLadder, SanctionStatus } from './sanction.entity';
import { sanctionView } from './sanction-view';
import { statementOfReasons } from './statement-of-reasons';
import { FlagSubjectFacts, SubjectDirectory } from './subject-directory.service';
import { BanEvasionService } from './ban-evasion.service';
import { countStrikes, suspensionEnd } from './strikes';

const DAY_MS = 86_400_000;

/** The lock under which one account's sanctions are chosen and its interim actions taken or lifted. */
export const accountLock = (accountId: string) => `qinglang:account:${accountId}`;

export interface ConfirmedViolation {
  flag: Flag;
  category: FlagCategory;
  reasonCode: string;
  /** Staff ids of the reviewers who confirmed. */
  decidedBy: string[];
}

export interface PlannedSanction {
  rung: LadderRung;
  strikeNumber: number;
  windowDays: number;
  ladder: SanctionLadder;
}

/** One account a confirmation would sanction, and how. */
export interface PlannedTarget {
  accountId: string;
  planned: PlannedSanction;
}

/** What a confirmation would do, as the reviewer must see it before deciding. */
export interface Consequence {
  /** Per account sanctioned (one; a cluster's senders each). */
  targets: PlannedTarget[];
  /** The harshest of them: what the two-person rule and the `expect` echo go by. */
  strongest: PlannedSanction | null;
  /** Cluster senders already sanctioned for these lines on another flag (no second strike). */
  alreadySanctioned: string[];
}

/** The ladder a flag's confirmation climbs: the viewer's for viewer and cluster flags, else the creator's. */
export const ladderOf = (flag: Pick<Flag, 'party'>): SanctionLadder =>
  flag.party === 'viewer' || flag.party === 'cluster' ? 'viewer' : 'creator';

/** What the reviewer echoes in `expect` for a sanction (`delisting`, `suspension 30d`, `account_ban`). */
export const expectationOf = (rung: LadderRung): string => describeRung(rung);

/** Whether a confirmation bringing this sanction must carry its `expect` echo. */
export const needsExpectation = (planned: PlannedSanction | null): boolean => !!planned && isSevere(planned.rung);

/**
 * Turns a confirmed violation into exactly one sanction, chosen from the account's strikes still in the window
 * and the category's ladder. Everything happens in the caller's transaction: the sanction, its outbox event and
 * its audit entry commit together, and the violation key makes a second attempt fail instead of sanctioning twice.
 */
@Injectable()
export class SanctionEngine {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policy: PolicyService,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly flags: FlagsService,
    private readonly reviewStates: FlagReviewState,
    private readonly subjects: SubjectDirectory,
    private readonly banEvasion: BanEvasionService,
    private readonly metrics: MetricsService,
  ) {}

  reasonsFor(category: FlagCategory): Record<string, { label: string }> {
    if (category === 'ban_evasion')
      return { ban_evasion: { label: 'Opened a new account after the person was delisted' } };
    return this.policy.rule(category).reasons;
  }

  /** The sanction a confirmation would bring now: the two-person rule is decided on it before it is issued. */
  async plan(
    manager: EntityManager,
    accountId: string,
    category: FlagCategory,
    reasonCode: string,
    now: Date,
    ladder: SanctionLadder = 'creator',
  ): Promise<PlannedSanction> {
    if (category === 'ban_evasion')
      return { rung: this.policy.policy.sanctions.banEvasion, strikeNumber: 1, windowDays: 0, ladder };
    if (ladder === 'viewer') {
      // A viewer's strikes count across categories: spam is spam, whatever it advertises.
      const viewers = this.policy.policy.viewers;
      const strikes = countStrikes(
        await manager.find(Sanction, {
          where: { accountId, ladder: 'viewer', kind: 'sanction' },
          select: { kind: true, status: true, issuedAt: true },
        }),
        now,
        viewers.strikeWindowDays,
      );
      return {
        rung: nextRung(viewers.ladder, strikes),
        strikeNumber: strikes + 1,
        windowDays: viewers.strikeWindowDays,
        ladder,
      };
    }
    const rules = this.policy.rule(category);
    // An account has a handful of sanctions per category: the rule that decides which count is a pure function.
    const strikes = countStrikes(
      await manager.find(Sanction, {
        where: { accountId, category, kind: 'sanction', ladder: 'creator' },
        select: { kind: true, status: true, issuedAt: true },
      }),
      now,
      rules.strikeWindowDays,
    );
    const floor = Object.hasOwn(rules.reasons, reasonCode) ? rules.reasons[reasonCode].atLeast : undefined;
    return {
      rung: nextRung(rules.ladder, strikes, floor),
      strikeNumber: strikes + 1,
      windowDays: rules.strikeWindowDays,
      ladder,
    };
  }

  /**
   * Everything a confirmation of the flag with this reason would issue now: one sanction on the creator's or the
   * viewer's ladder, or for a cluster one per sender not yet sanctioned for these lines elsewhere.
   */
  async consequence(
    manager: EntityManager,
    flag: Flag,
    category: FlagCategory,
    reasonCode: string,
    now: Date,
  ): Promise<Consequence> {
    const ladder = ladderOf(flag);
    const { members, alreadySanctioned } = await this.targetsOf(manager, flag);
    const targets: PlannedTarget[] = [];
    for (const accountId of members)
      targets.push({ accountId, planned: await this.plan(manager, accountId, category, reasonCode, now, ladder) });
    const strongest = targets.reduce<PlannedSanction | null>(
      (best, t) => (!best || rungSeverity(t.planned.rung) > rungSeverity(best.rung) ? t.planned : best),
      null,
    );
    return { targets, strongest, alreadySanctioned };
  }

  /**
   * Issues what confirming the flag brings: one sanction for a creator's or a viewer's flag, one per sender for a
   * cluster (each on their own ladder). Open flags sharing its evidence are then resolved as the same violation,
   * with no second strike.
   */
  async issue(manager: EntityManager, violation: ConfirmedViolation): Promise<Sanction[]> {
    const { flag, category, reasonCode } = violation;
    const reasons = this.reasonsFor(category);
    const reason = Object.hasOwn(reasons, reasonCode) ? reasons[reasonCode] : undefined;
    if (!reason)
      throw new ApiError(
        422,
        'unknown_reason_code',
        `${reasonCode} is not a reason for ${category}: use one of ${Object.keys(reasons).join(', ')}.`,
      );
    const ladder = ladderOf(flag);
    // One account's sanctions are chosen one at a time, so two confirmations can't both see "no strikes yet"
    // (the review took these locks already; taking them again in the same transaction is free).
    await this.lockAccounts(manager, flag);
    const { members, alreadySanctioned } = await this.targetsOf(manager, flag);
    const sanctions: Sanction[] = [];
    for (const accountId of members)
      sanctions.push(await this.issueTo(manager, violation, accountId, ladder, reason.label));
    if (flag.party !== 'cluster' && alreadySanctioned.length) {
      // Its evidence was sanctioned under another flag: the same conduct, settled there.
      const [settledBy] = await this.flags.confirmedSharing(flag.id, flag.accountId, manager);
      await this.reviewStates.linkTo(manager, flag.id, settledBy.id);
      await this.audit.record(manager, {
        action: 'flag.resolved_as_linked',
        actor: { kind: 'staff', id: violation.decidedBy.at(-1)! },
        platformId: flag.platformId,
        subject: { kind: 'flag', id: flag.id },
        data: { linkedTo: settledBy.id, category: flag.category, accountId: flag.accountId, sanctioned: false },
      });
    }
    if (flag.party === 'cluster') await this.reviewStates.settleMerged(manager, flag.id, 'confirmed', this.clock.now());
    await this.endInterim(
      manager,
      flag.id,
      'replaced',
      `replaced by sanction ${sanctions[0]?.id ?? '(none)'} after review`,
      { kind: 'system', id: 'sanction-engine' },
      false,
    );
    await this.resolveLinked(manager, flag, new Set(members), violation.decidedBy.at(-1)!);
    return sanctions;
  }

  /**
   * Every account a decision on the flag may sanction, locked in one order (sorted): a cluster's senders all,
   * before anything is planned, so a member's own flag confirmed at the same moment cannot strike them twice, and
   * two clusters sharing senders cannot deadlock.
   */
  async lockAccounts(manager: EntityManager, flag: Flag): Promise<void> {
    const accounts =
      flag.party === 'cluster'
        ? [...new Set([flag.accountId, ...(await this.flags.evidenceActors(flag.id, manager))])].sort()
        : [flag.accountId];
    for (const accountId of accounts) await lockForTransaction(manager, accountLock(accountId));
  }

  /**
   * Whom confirming would sanction: a cluster's senders not yet sanctioned for its lines; for any other flag its
   * account, unless a confirmed flag against the account already holds some of its evidence (no second strike).
   */
  private async targetsOf(
    manager: EntityManager,
    flag: Flag,
  ): Promise<{ members: string[]; alreadySanctioned: string[] }> {
    if (flag.party === 'cluster') return this.flags.clusterSenders(flag.id, manager);
    if (flag.category !== 'ban_evasion' && (await this.flags.confirmedSharing(flag.id, flag.accountId, manager)).length)
      return { members: [], alreadySanctioned: [flag.accountId] };
    return { members: [flag.accountId], alreadySanctioned: [] };
  }

  private async issueTo(
    manager: EntityManager,
    violation: ConfirmedViolation,
    accountId: string,
    ladder: SanctionLadder,
    reasonLabel: string,
  ): Promise<Sanction> {
    const { flag, category, reasonCode } = violation;
    const now = this.clock.now();
    const planned = await this.plan(manager, accountId, category, reasonCode, now, ladder);
    if (planned.rung.action === 'delisting') await this.banEvasion.lockIdentityOf(manager, accountId);
    const facts = await this.subjects.of(flag, manager, accountId);
    const endsAt = planned.rung.days !== undefined ? suspensionEnd(now, planned.rung.days) : null;
    const freezeDays = this.policy.policy.sanctions.tipIncomeFreezeDaysAfter;
    const monetaryAction =
      planned.rung.action === 'suspension' && endsAt && freezeDays !== null
        ? { kind: 'freeze_tip_income', until: new Date(endsAt.getTime() + freezeDays * DAY_MS).toISOString() }
        : null;
    const sanction = await this.insert(
      manager,
      flag,
      facts,
      {
        kind: 'sanction',
        ladder,
        accountId,
        violationKey: flag.party === 'cluster' ? `${flag.id}:${accountId}` : flag.id,
        category,
        action: planned.rung.action,
        durationDays: planned.rung.days ?? null,
        strikeNumber: planned.strikeNumber,
        reasonCode,
        automated: false,
        decidedBy: violation.decidedBy,
        issuedAt: now,
        endsAt,
        monetaryAction,
        // Only the creator's own content is taken down; a viewer's sanction leaves the room alone.
        contentAction: ladder === 'creator' ? this.contentAction(facts, planned.rung.action !== 'warning') : null,
      },
      {
        rung: planned.rung,
        reasonLabel,
        strike: { number: planned.strikeNumber, windowDays: planned.windowDays },
      },
    );
    if (sanction.action === 'delisting') await this.banEvasion.afterDelisting(manager, sanction);
    return sanction;
  }

  /**
   * One conduct, one strike: open flags holding any of the confirmed flag's evidence (a stream flag and the
   * account flag over the same lines, a viewer flag and the cluster holding its lines) are resolved as the same
   * violation, linked to it, with no sanction of their own. An open cluster is left open when a single viewer's
   * flag is confirmed: its other senders are still to be decided, and that viewer is skipped when it is.
   */
  private async resolveLinked(
    manager: EntityManager,
    flag: Flag,
    sanctioned: Set<string>,
    reviewerId: string,
  ): Promise<void> {
    for (const linked of await this.flags.sharingEvidence(flag.id, manager)) {
      if (linked.status !== 'open' || (linked.party === 'cluster' && flag.party !== 'cluster')) continue;
      // Only the conduct of an account this confirmation sanctioned is settled by it.
      if (!sanctioned.has(linked.accountId)) continue;
      if (!(await this.reviewStates.resolveAsLinked(manager, linked.id, flag.id, this.clock.now()))) continue;
      await this.endInterim(
        manager,
        linked.id,
        'replaced',
        `resolved with flag ${flag.id}`,
        {
          kind: 'staff',
          id: reviewerId,
        },
        false,
      );
      await this.audit.record(manager, {
        action: 'flag.resolved_as_linked',
        actor: { kind: 'staff', id: reviewerId },
        platformId: linked.platformId,
        subject: { kind: 'flag', id: linked.id },
        data: { linkedTo: flag.id, category: linked.category, accountId: linked.accountId },
      });
    }
  }

  /** An interim action before review: the live stream is interrupted; not a strike. Idempotent per flag. */
  async interrupt(flagId: string): Promise<Sanction | null> {
    const flag = await this.flags.get(flagId);
    if (!flag || flag.status !== 'open' || !(POLICY_CATEGORIES as readonly string[]).includes(flag.category))
      return null;
    const rule = this.policy.rule(flag.category as PolicyCategory);
    const threshold = rule.autoActionThreshold;
    const facts = await this.subjects.of(flag);
    if (!facts.live || !(await this.flags.allowsAutoAction(flag, rule))) return null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        await lockForTransaction(manager, accountLock(flag.accountId));
        // Read again under the lock: a reviewer who decided the flag meanwhile has the last word.
        if ((await this.flags.get(flagId, manager))?.status !== 'open') return null;
        const now = this.clock.now();
        return this.insert(
          manager,
          flag,
          facts,
          {
            kind: 'interim',
            ladder: 'creator',
            accountId: flag.accountId,
            violationKey: `${flag.id}:interim`,
            category: flag.category,
            action: 'stream_interruption',
            durationDays: null,
            strikeNumber: null,
            reasonCode: 'auto_action_threshold',
            automated: true,
            decidedBy: [],
            issuedAt: now,
            endsAt: null,
            monetaryAction: null,
            contentAction: this.contentAction(facts, true),
          },
          {
            rung: { action: 'stream_interruption' },
            reasonLabel: `The streamer's own content at or above the auto-action threshold ${threshold}`,
            strike: null,
          },
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null; // a retry of a job that already did it
      throw error;
    }
  }

  /**
   * Ends a flag's interim action: `lifted` (review rejected the flag; the platform restores the stream, so it is
   * told) or `replaced` (the reviewed sanction now governs; recorded, not sent).
   */
  async endInterim(
    manager: EntityManager,
    flagId: string,
    to: 'lifted' | 'replaced',
    why: string,
    actor: { kind: 'staff' | 'system'; id: string },
    announce = true,
  ): Promise<Sanction | null> {
    const interim = await manager.findOneBy(Sanction, { violationKey: `${flagId}:interim`, status: 'active' });
    if (!interim) return null;
    return this.end(manager, interim, to, why, actor, announce ? 'sanction.lifted' : null);
  }

  /** Moves an active sanction to an end state, with its outbox event (if any) and audit entry. */
  async end(
    manager: EntityManager,
    sanction: Sanction,
    to: 'expired' | 'revoked' | 'lifted' | 'replaced',
    why: string,
    actor: { kind: 'staff' | 'system'; id: string },
    event: SanctionEventType | null,
    from: SanctionStatus[] = ['active'],
  ): Promise<Sanction | null> {
    const now = this.clock.now();
    const result = await manager
      .createQueryBuilder()
      .update(Sanction)
      .set({ status: to, endedAt: now, endReason: why })
      .where({ id: sanction.id, status: In(from) })
      .execute();
    if (result.affected !== 1) return null;
    Object.assign(sanction, { status: to, endedAt: now, endReason: why });
    if (event) await this.outbox.append(manager, sanction.platformId, event, sanction.id, sanctionView(sanction));
    await this.audit.record(manager, {
      action: `sanction.${to}`,
      actor,
      platformId: sanction.platformId,
      subject: { kind: 'sanction', id: sanction.id },
      data: { accountId: sanction.accountId, action: sanction.action, category: sanction.category, reason: why },
    });
    return sanction;
  }

  private contentAction(facts: FlagSubjectFacts, cutStream: boolean): JsonObject | null {
    if (facts.subject.kind === 'post')
      return { kind: 'take_down_post', postId: facts.subject.id, externalId: facts.subject.externalId };
    if (facts.subject.kind === 'stream' && cutStream)
      return { kind: 'cut_stream', streamId: facts.subject.id, externalId: facts.subject.externalId };
    return null;
  }

  private async insert(
    manager: EntityManager,
    flag: Flag,
    facts: FlagSubjectFacts,
    fields: Pick<
      Sanction,
      | 'kind'
      | 'ladder'
      | 'accountId'
      | 'violationKey'
      | 'category'
      | 'action'
      | 'durationDays'
      | 'strikeNumber'
      | 'reasonCode'
      | 'automated'
      | 'decidedBy'
      | 'issuedAt'
      | 'endsAt'
      | 'monetaryAction'
      | 'contentAction'
    >,
    ground: {
      rung: LadderRung | { action: 'stream_interruption' };
      reasonLabel: string;
      strike: { number: number; windowDays: number } | null;
    },
  ): Promise<Sanction> {
    // A cluster member's statement shows their own lines, not the other senders'.
    const evidence = (await this.flags.evidenceOf(flag.id, manager)).filter(
      (e) => flag.party !== 'cluster' || e.actorAccountId === fields.accountId,
    );
    const sanction = Object.assign(new Sanction(), {
      id: newId(),
      platformId: flag.platformId,
      flagId: flag.id,
      status: 'active',
      policyVersion: this.policy.version,
      modelVersions: flag.modelVersions,
      endedAt: null,
      endReason: null,
      flagOpenedAt: flag.openedAt,
      ...fields,
    });
    sanction.statement = statementOfReasons({
      rung: ground.rung,
      interim: fields.kind === 'interim',
      flag,
      evidence,
      strike: ground.strike,
      subject: facts.subject,
      account: facts.account,
      ground: {
        category: fields.category,
        reasonCode: fields.reasonCode,
        reasonLabel: ground.reasonLabel,
        policyVersion: this.policy.version,
      },
      automatedDecision: fields.automated,
      reviewers: fields.decidedBy.length,
      contentAction: fields.contentAction,
      monetaryAction: fields.monetaryAction,
      endsAt: fields.endsAt,
      appealWindowDays: this.policy.policy.sanctions.appealWindowDays,
      issuedAt: fields.issuedAt,
    });
    try {
      await manager.insert(Sanction, sanction);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ApiError(409, 'already_sanctioned', `Flag ${flag.id} has already been sanctioned for this account.`);
      throw error;
    }
    await this.outbox.append(manager, sanction.platformId, 'sanction.issued', sanction.id, sanctionView(sanction));
    // Counted at write time: a transaction rolled back later over-counts by one, which a counter may.
    this.metrics.sanctionsIssued.inc({ category: sanction.category, action: sanction.action });
    await this.audit.record(manager, {
      action: 'sanction.issued', // The reviewer whose confirmation issued it; all who confirmed are in data.decidedBy.
      actor: fields.automated
        ? { kind: 'system', id: 'auto-action' }
        : { kind: 'staff', id: fields.decidedBy[fields.decidedBy.length - 1] },
      platformId: sanction.platformId,
      subject: { kind: 'sanction', id: sanction.id },
      data: {
        flagId: flag.id,
        accountId: sanction.accountId,
        kind: sanction.kind,
        ladder: sanction.ladder,
        category: sanction.category,
        action: sanction.action,
        durationDays: sanction.durationDays,
        strikeNumber: sanction.strikeNumber,
        reasonCode: sanction.reasonCode,
        automated: sanction.automated,
        decidedBy: sanction.decidedBy,
        policyVersion: sanction.policyVersion,
        modelVersions: sanction.modelVersions,
      },
    });
    return sanction;
  }
}
