import { Invalid } from './policy-reader';

/** What a sanction does to an account, from mildest to harshest. */
export const SANCTION_ACTIONS = ['warning', 'suspension', 'delisting'] as const;
export type SanctionAction = (typeof SANCTION_ACTIONS)[number];

/** One step of a ladder: a warning, a suspension of some days, or delisting. */
export interface LadderRung {
  action: SanctionAction;
  /** Only for suspensions. */
  days?: number;
}

/** Parses `warning`, `suspension 3d` or `delisting`; returns a message when the text is none of them. */
export function parseRung(value: unknown): LadderRung | Invalid {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === 'warning' || text === 'delisting') return { action: text };
  const suspension = /^suspension (\d{1,4})d$/.exec(text);
  if (suspension && Number(suspension[1]) >= 1) return { action: 'suspension', days: Number(suspension[1]) };
  return new Invalid(`"${String(value)}" is not a sanction: use warning, "suspension <N>d" or delisting`);
}

export const describeRung = (rung: LadderRung): string =>
  rung.action === 'suspension' ? `suspension ${rung.days}d` : rung.action;

/** Orders rungs by severity: delisting > longer suspension > shorter suspension > warning. */
export function rungSeverity(rung: LadderRung): number {
  if (rung.action === 'warning') return 0;
  if (rung.action === 'delisting') return Number.MAX_SAFE_INTEGER;
  return rung.days ?? 0;
}

/**
 * The rung for an account's next strike: the ladder's step for the strikes still counting (the last step
 * repeats once the ladder is climbed), raised to a floor when the violation's reason demands one.
 */
export function nextRung(ladder: LadderRung[], strikesInWindow: number, floor?: LadderRung): LadderRung {
  const step = ladder[Math.min(strikesInWindow, ladder.length - 1)];
  return floor && rungSeverity(floor) > rungSeverity(step) ? floor : step;
}
