import { TIMED_ACTIONS } from './sanction.entity';
import type { SanctionActionName, SanctionKind, SanctionStatus } from './sanction.entity';

const DAY_MS = 86_400_000;

/** Strikes that still count: issued and not overturned (an expired suspension is still a strike). */
export const STRIKE_STATUSES: readonly SanctionStatus[] = ['active', 'expired'];

export interface StrikeCandidate {
  kind: SanctionKind;
  status: SanctionStatus;
  issuedAt: Date;
}

/** The earliest issue time that still counts as a strike at `now`. */
export const strikeWindowStart = (now: Date, windowDays: number): Date => new Date(now.getTime() - windowDays * DAY_MS);

/**
 * How many of an account's sanctions in one category count as strikes at `now`: real sanctions (not interim
 * interruptions), not revoked, lifted or replaced, issued within the strike window (its first instant included).
 */
export function countStrikes(sanctions: StrikeCandidate[], now: Date, windowDays: number): number {
  const start = strikeWindowStart(now, windowDays).getTime();
  return sanctions.filter(
    (s) => s.kind === 'sanction' && STRIKE_STATUSES.includes(s.status) && s.issuedAt.getTime() >= start,
  ).length;
}

/** When a suspension of `days` issued at `issuedAt` ends. */
export const suspensionEnd = (issuedAt: Date, days: number): Date => new Date(issuedAt.getTime() + days * DAY_MS);

/** Whether a sanction is a timed one (suspension, chat mute or ban) whose time is up at `now` (its last instant included). */
export const isDueToExpire = (
  sanction: { status: SanctionStatus; action: string; endsAt: Date | null },
  now: Date,
): boolean =>
  sanction.status === 'active' &&
  TIMED_ACTIONS.includes(sanction.action as SanctionActionName) &&
  sanction.endsAt !== null &&
  sanction.endsAt.getTime() <= now.getTime();
