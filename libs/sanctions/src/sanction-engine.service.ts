import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditLog } from '@qinglang/audit';
import { CLOCK, Clock } from '@qinglang/config';
import { Outbox, SanctionEventType } from '@qinglang/delivery';
import { Flag, FlagCategory, FlagsService } from '@qinglang/flagging';
import { ApiError, MetricsService } from '@qinglang/operations';
import { JsonObject, isUniqueViolation, lockForTransaction, newId } from '@qinglang/persistence';
import { LadderRung, POLICY_CATEGORIES, PolicyCategory, PolicyService, nextRung } from '@qinglang/policy';
import { Sanction, SanctionStatus } from './sanction.entity';
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
}

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
  ): Promise<PlannedSanction> {
    if (category === 'ban_evasion')
      return { rung: this.policy.policy.sanctions.banEvasion, strikeNumber: 1, windowDays: 0 };
    const rules = this.policy.rule(category);
    // An account has a handful of sanctions per category: the rule that decides which count is a pure function.
    const strikes = countStrikes(
      await manager.find(Sanction, {
        where: { accountId, category, kind: 'sanction' },
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
    };
  }

  async issue(manager: EntityManager, violation: ConfirmedViolation): Promise<Sanction> {
    const { flag, category, reasonCode } = violation;
    const reasons = this.reasonsFor(category);
    const reason = Object.hasOwn(reasons, reasonCode) ? reasons[reasonCode] : undefined;
    if (!reason)
      throw new ApiError(
        422,
        'unknown_reason_code',
        `${reasonCode} is not a reason for ${category}: use one of ${Object.keys(reasons).join(', ')}.`,
      );
    // One account's sanctions are chosen one at a time, so two confirmations can't both see "no strikes yet".
    await lockForTransaction(manager, accountLock(flag.accountId));
    const now = this.clock.now();
    const planned = await this.plan(manager, flag.accountId, category, reasonCode, now);
    if (planned.rung.action === 'delisting') await this.banEvasion.lockIdentityOf(manager, flag.accountId);
    const facts = await this.subjects.of(flag, manager);
    const endsAt = planned.rung.action === 'suspension' ? suspensionEnd(now, planned.rung.days!) : null;
    const freezeDays = this.policy.policy.sanctions.tipIncomeFreezeDaysAfter;
    const monetaryAction =
      endsAt && freezeDays !== null
        ? { kind: 'freeze_tip_income', until: new Date(endsAt.getTime() + freezeDays * DAY_MS).toISOString() }
        : null;
    const sanction = await this.insert(
      manager,
      flag,
      facts,
      {
        kind: 'sanction',
        violationKey: flag.id,
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
        contentAction: this.contentAction(facts, planned.rung.action !== 'warning'),
      },
      {
        rung: planned.rung,
        reasonLabel: reason.label,
        strike: { number: planned.strikeNumber, windowDays: planned.windowDays },
      },
    );
    await this.endInterim(
      manager,
      flag.id,
      'replaced',
      `replaced by sanction ${sanction.id} after review`,
      { kind: 'system', id: 'sanction-engine' },
      false,
    );
    if (sanction.action === 'delisting') await this.banEvasion.afterDelisting(manager, sanction);
    return sanction;
  }

  /** An interim action before review: the live stream is interrupted; not a strike. Idempotent per flag. */
  async interrupt(flagId: string): Promise<Sanction | null> {
    const flag = await this.flags.get(flagId);
    if (!flag || flag.status !== 'open' || !(POLICY_CATEGORIES as readonly string[]).includes(flag.category))
      return null;
    const threshold = this.policy.rule(flag.category as PolicyCategory).autoActionThreshold;
    const facts = await this.subjects.of(flag);
    if (threshold === null || flag.confidence < threshold || !facts.live) return null;
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
            reasonLabel: `Confidence ${flag.confidence} at or above the auto-action threshold ${threshold}`,
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
    const evidence = await this.flags.evidenceOf(flag.id, manager);
    const sanction = Object.assign(new Sanction(), {
      id: newId(),
      platformId: flag.platformId,
      accountId: flag.accountId,
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
        throw new ApiError(409, 'already_sanctioned', `Flag ${flag.id} has already been sanctioned.`);
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
