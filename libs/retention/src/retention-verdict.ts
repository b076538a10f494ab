import type { RetentionRules } from '@qinglang/policy';
import type { SanctionActionName, SanctionStatus } from '@qinglang/sanctions';

const DAY_MS = 86_400_000;
/** A held item (open flag, pending appeal) is looked at again this often: its decision may come any day. */
export const HELD_RECHECK_MS = DAY_MS;
/**
 * Sanctions in force until someone ends them (no `endsAt`): while one is, its evidence is what it stands on (an
 * appeal, a challenge in court may come at any time), so the period starts only once it has ended. A warning, also
 * without an end, restricts nothing: it counts from its issue.
 */
export const INDEFINITE_ACTIONS: readonly SanctionActionName[] = ['delisting', 'account_ban'];

/**
 * Which class an item's media falls in: `benign` (nothing at a category's evidence threshold, no flag),
 * `unflagged` (a signal reached a threshold but joined no flag: once the benign period is over it can no longer
 * join one, policy checks benign_days against the windows), `evidence` (behind a flag or a sanction).
 */
export type RetentionClass = 'benign' | 'unflagged' | 'evidence';

/** What retention must know about one item (a segment, a post) to decide whether its media may go. */
export interface ItemMediaFacts {
  finishedAt: Date;
  /** Some signal on the item's content (its frames, a post's text) reached its category's evidence threshold. */
  reachedEvidenceThreshold: boolean;
  /** Flags holding any of the item's content as evidence, or about the item itself (a post). */
  flags: Array<{ status: 'open' | 'closed'; decidedAt: Date | null; updatedAt: Date }>;
  /** Sanctions and interim actions issued on those flags. */
  sanctions: Array<{
    issuedAt: Date;
    endsAt: Date | null;
    endedAt: Date | null;
    action: SanctionActionName;
    status: SanctionStatus;
  }>;
  /** Appeals against those sanctions. */
  appeals: Array<{ status: 'pending' | 'upheld' | 'revoked'; createdAt: Date; decidedAt: Date | null }>;
}

export type RetentionVerdict =
  | { purge: true; class: RetentionClass; expiredAt: Date }
  | {
      purge: false;
      class: RetentionClass;
      /** `held`: an open flag or a pending appeal keeps it whatever the time. */
      reason: 'held_by_open_flag' | 'held_by_pending_appeal' | 'held_by_sanction_in_force' | 'within_period';
      /** When to look at the item again. */
      reviewAt: Date;
    };

/**
 * Whether an item's media has expired under the policy at `now`. Evidence is counted from the last decision on it,
 * not from upload: the flag decided, a sanction issued, ending (or due to end) or appealed, an appeal decided. So a
 * sanction appealed two years on keeps its evidence for the whole period after that decision.
 */
export function retentionVerdict(facts: ItemMediaFacts, rules: RetentionRules, now: Date): RetentionVerdict {
  const evidence = facts.flags.length > 0 || facts.sanctions.length > 0;
  const itemClass: RetentionClass = evidence ? 'evidence' : facts.reachedEvidenceThreshold ? 'unflagged' : 'benign';
  const recheck = new Date(now.getTime() + HELD_RECHECK_MS);
  if (facts.flags.some((f) => f.status === 'open'))
    return { purge: false, class: itemClass, reason: 'held_by_open_flag', reviewAt: recheck };
  if (facts.appeals.some((a) => a.status === 'pending'))
    return { purge: false, class: itemClass, reason: 'held_by_pending_appeal', reviewAt: recheck };
  if (facts.sanctions.some(inForceIndefinitely))
    return { purge: false, class: itemClass, reason: 'held_by_sanction_in_force', reviewAt: recheck };
  const expiredAt = evidence
    ? new Date(lastDecisionAt(facts).getTime() + rules.complianceDays * DAY_MS)
    : new Date(facts.finishedAt.getTime() + rules.benignDays * DAY_MS);
  return expiredAt <= now
    ? { purge: true, class: itemClass, expiredAt }
    : { purge: false, class: itemClass, reason: 'within_period', reviewAt: expiredAt };
}

/** A ban or delisting still in force with no end set: its evidence is held until it ends. */
export function inForceIndefinitely(sanction: ItemMediaFacts['sanctions'][number]): boolean {
  return (
    sanction.status === 'active' &&
    sanction.endsAt === null &&
    sanction.endedAt === null &&
    INDEFINITE_ACTIONS.includes(sanction.action)
  );
}

/** The latest decision on an item's evidence; the item's finish when nothing was decided yet. */
export function lastDecisionAt(facts: Pick<ItemMediaFacts, 'finishedAt' | 'flags' | 'sanctions' | 'appeals'>): Date {
  const times = [
    facts.finishedAt,
    // A closed flag without a decision (merged into another) was settled when it last changed.
    ...facts.flags.map((f) => f.decidedAt ?? f.updatedAt),
    ...facts.sanctions.flatMap((s) => [s.issuedAt, s.endedAt ?? s.endsAt]),
    ...facts.appeals.flatMap((a) => [a.createdAt, a.decidedAt]),
  ].filter((t): t is Date => t instanceof Date);
  return new Date(Math.max(...times.map((t) => t.getTime())));
}

/** Whether a signal's category scores reach the evidence threshold of any category the policy names. */
export function reachesEvidenceThreshold(
  categories: Record<string, number> | null,
  thresholds: Record<string, { evidenceThreshold: number }>,
): boolean {
  return Object.entries(categories ?? {}).some(
    ([category, score]) => thresholds[category] !== undefined && score >= thresholds[category].evidenceThreshold,
  );
}
