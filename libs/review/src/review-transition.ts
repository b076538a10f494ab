import type { ReviewState } from '@qinglang/flagging';
import type { SanctionAction } from '@qinglang/policy';
import type { ReviewVerdict } from './review-decision.entity';

export interface TransitionInput {
  verdict: ReviewVerdict;
  /** Where the flag stands now. */
  from: ReviewState;
  /** For a confirmation: the action the sanction would take. */
  plannedAction?: SanctionAction;
  /** Actions that need a second, different reviewer (policy `review.second_reviewer_for`). */
  secondReviewerFor: readonly string[];
  /** Who gave the first confirmation of a flag awaiting a second one. */
  firstConfirmer: string | null;
  reviewerId: string;
}

export type Transition = { to: ReviewState } | { refused: 'second_reviewer_required' };

/**
 * The review state machine. A confirmation closes the flag unless its sanction needs two reviewers, when it waits
 * for a second one, who must be someone else; a second reviewer who rejects sends the flag up instead of
 * overruling the first alone; an escalation goes to senior reviewers.
 */
export function reviewTransition(input: TransitionInput): Transition {
  if (input.verdict === 'confirm') {
    if (input.from === 'awaiting_second')
      return input.firstConfirmer === input.reviewerId ? { refused: 'second_reviewer_required' } : { to: 'confirmed' };
    return {
      to:
        input.plannedAction && input.secondReviewerFor.includes(input.plannedAction) ? 'awaiting_second' : 'confirmed',
    };
  }
  if (input.verdict === 'reject') return { to: input.from === 'awaiting_second' ? 'escalated' : 'rejected' };
  return { to: 'escalated' };
}

/** Whether a reviewer's claim on a flag still stands at `now` (a lapsed lease is no claim). */
export const holdsClaim = (
  flag: { claimedBy: string | null; claimExpiresAt: Date | null },
  reviewerId: string,
  now: Date,
): boolean => flag.claimedBy === reviewerId && !!flag.claimExpiresAt && flag.claimExpiresAt > now;
