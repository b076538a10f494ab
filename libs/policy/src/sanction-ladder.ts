import { Invalid } from './policy-reader';

/** What a sanction does to a streamer's or author's account, from mildest to harshest. */
export const CREATOR_ACTIONS = ['warning', 'suspension', 'delisting'] as const;
/** What a sanction does to a viewer's account: their chat is muted, then banned, then the account is banned. */
export const VIEWER_ACTIONS = ['chat_mute', 'chat_ban', 'account_ban'] as const;
export const SANCTION_ACTIONS = [...CREATOR_ACTIONS, ...VIEWER_ACTIONS] as const;
export type SanctionAction = (typeof SANCTION_ACTIONS)[number];

/** Actions that last some days (the rung names them as `<action> <N>d`). */
const TIMED_ACTIONS: readonly SanctionAction[] = ['suspension', 'chat_mute', 'chat_ban'];

/** One step of a ladder: a warning, a suspension of some days, delisting; for viewers a chat mute or ban, a ban. */
export interface LadderRung {
  action: SanctionAction;
  /** Only for timed actions (suspension, chat mute, chat ban). */
  days?: number;
}

/**
 * Parses a rung: `warning`, `suspension 3d`, `delisting` for creators, `chat_mute 1d`, `chat_ban 30d`,
 * `account_ban` for viewers (`allowed` says which); returns a message when the text is none of them.
 */
export function parseRung(value: unknown, allowed: readonly SanctionAction[] = CREATOR_ACTIONS): LadderRung | Invalid {
  const text = typeof value === 'string' ? value.trim() : '';
  const [action, duration, ...rest] = text.split(/\s+/);
  const days = /^(\d{1,4})d$/.exec(duration ?? '');
  const known = allowed.includes(action as SanctionAction) && !rest.length;
  if (known && !TIMED_ACTIONS.includes(action as SanctionAction) && duration === undefined)
    return { action: action as SanctionAction };
  if (known && TIMED_ACTIONS.includes(action as SanctionAction) && days && Number(days[1]) >= 1)
    return { action: action as SanctionAction, days: Number(days[1]) };
  const forms = allowed.map((a) => (TIMED_ACTIONS.includes(a) ? `"${a} <N>d"` : a));
  return new Invalid(`"${String(value)}" is not a sanction: use ${forms.slice(0, -1).join(', ')} or ${forms.at(-1)}`);
}

export const describeRung = (rung: LadderRung): string =>
  rung.days !== undefined ? `${rung.action} ${rung.days}d` : rung.action;

/** Orders rungs by severity: a ban > longer timed action > shorter one > warning. */
export function rungSeverity(rung: LadderRung): number {
  if (rung.action === 'warning') return 0;
  if (rung.action === 'delisting' || rung.action === 'account_ban') return Number.MAX_SAFE_INTEGER;
  return rung.days ?? 0;
}

/**
 * Sanctions severe enough that the reviewer must say they expect them (`expect` in the decision): a stale view
 * of the account's strikes must never delist or ban by accident.
 */
export const SEVERE_FROM_DAYS = 30;
export const isSevere = (rung: LadderRung): boolean => rungSeverity(rung) >= SEVERE_FROM_DAYS;

/**
 * The rung for an account's next strike: the ladder's step for the strikes still counting (the last step
 * repeats once the ladder is climbed), raised to a floor when the violation's reason demands one.
 */
export function nextRung(ladder: LadderRung[], strikesInWindow: number, floor?: LadderRung): LadderRung {
  const step = ladder[Math.min(strikesInWindow, ladder.length - 1)];
  return floor && rungSeverity(floor) > rungSeverity(step) ? floor : step;
}
