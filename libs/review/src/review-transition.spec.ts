import { holdsClaim, reviewTransition } from './review-transition';

const SECOND_FOR = ['delisting'];
const base = { secondReviewerFor: SECOND_FOR, firstConfirmer: null, reviewerId: 'r1' };

describe('reviewTransition', () => {
  it.each([
    ['confirm a warning', { verdict: 'confirm', from: 'pending', plannedAction: 'warning' }, { to: 'confirmed' }],
    ['confirm a suspension', { verdict: 'confirm', from: 'pending', plannedAction: 'suspension' }, { to: 'confirmed' }],
    [
      'confirm a delisting: waits for a second',
      { verdict: 'confirm', from: 'pending', plannedAction: 'delisting' },
      { to: 'awaiting_second' },
    ],
    [
      'an escalated flag confirmed by a senior',
      { verdict: 'confirm', from: 'escalated', plannedAction: 'warning' },
      { to: 'confirmed' },
    ],
    [
      'the second confirmation by someone else',
      { verdict: 'confirm', from: 'awaiting_second', plannedAction: 'delisting', firstConfirmer: 'r0' },
      { to: 'confirmed' },
    ],
    [
      'the second confirmation by the first reviewer',
      { verdict: 'confirm', from: 'awaiting_second', plannedAction: 'delisting', firstConfirmer: 'r1' },
      { refused: 'second_reviewer_required' },
    ],
    ['reject', { verdict: 'reject', from: 'pending' }, { to: 'rejected' }],
    [
      'a second reviewer rejects: sent up, not overruled',
      { verdict: 'reject', from: 'awaiting_second', firstConfirmer: 'r0' },
      { to: 'escalated' },
    ],
    ['escalate', { verdict: 'escalate', from: 'pending' }, { to: 'escalated' }],
  ] as const)('%s', (_case, input, expected) => {
    expect(reviewTransition({ ...base, ...input })).toEqual(expected);
  });
});

describe('holdsClaim', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const at = (ms: number) => new Date(now.getTime() + ms);
  it.each([
    ['held and running', { claimedBy: 'r1', claimExpiresAt: at(1) }, true],
    ['lapsing this instant', { claimedBy: 'r1', claimExpiresAt: at(0) }, false],
    ['lapsed', { claimedBy: 'r1', claimExpiresAt: at(-1) }, false],
    ["someone else's", { claimedBy: 'r2', claimExpiresAt: at(60_000) }, false],
    ['unclaimed', { claimedBy: null, claimExpiresAt: null }, false],
  ])('%s → %s', (_case, flag, expected) => {
    expect(holdsClaim(flag, 'r1', now)).toBe(expected);
  });
});
