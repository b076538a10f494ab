import type { SanctionActionName, SanctionStatus } from '@qinglang/sanctions';
import { ItemMediaFacts, lastDecisionAt, reachesEvidenceThreshold, retentionVerdict } from './retention-verdict';

const DAY = 86_400_000;
const rules = { benignDays: 7, complianceDays: 1095 };
const t0 = new Date('2026-01-01T00:00:00Z');
const day = (n: number) => new Date(t0.getTime() + n * DAY);

const facts = (extra: Partial<ItemMediaFacts> = {}): ItemMediaFacts => ({
  finishedAt: t0,
  reachedEvidenceThreshold: false,
  flags: [],
  sanctions: [],
  appeals: [],
  ...extra,
});
const closedFlag = (decided: number) => ({
  status: 'closed' as const,
  decidedAt: day(decided),
  updatedAt: day(decided),
});
const openFlag = { status: 'open' as const, decidedAt: null, updatedAt: day(0) };
const sanction = (
  issued: number,
  ends: number | null = null,
  ended: number | null = null,
  action: SanctionActionName = ends === null ? 'warning' : 'suspension',
) => ({
  issuedAt: day(issued),
  endsAt: ends === null ? null : day(ends),
  endedAt: ended === null ? null : day(ended),
  action,
  status: (ended === null ? 'active' : 'revoked') as SanctionStatus,
});

describe('retentionVerdict', () => {
  it.each<[string, ItemMediaFacts, number, object]>([
    ['benign, a day before its 7 days are up', facts(), 6, { purge: false, class: 'benign', reviewAt: day(7) }],
    ['benign, on the 7th day', facts(), 7, { purge: true, class: 'benign', expiredAt: day(7) }],
    ['benign, long after', facts(), 400, { purge: true, class: 'benign', expiredAt: day(7) }],
    [
      'a signal at the threshold that joined no flag goes like benign media',
      facts({ reachedEvidenceThreshold: true }),
      7,
      { purge: true, class: 'unflagged' },
    ],
    [
      'an open flag holds it, whatever the time',
      facts({ flags: [openFlag] }),
      5000,
      { purge: false, class: 'evidence', reason: 'held_by_open_flag', reviewAt: day(5001) },
    ],
    [
      'one open flag among closed ones holds it',
      facts({ flags: [closedFlag(1), openFlag] }),
      5000,
      { purge: false, reason: 'held_by_open_flag' },
    ],
    [
      'a rejected flag: 3 years from its decision, not from upload',
      facts({ flags: [closedFlag(10)] }),
      1104,
      { purge: false, class: 'evidence', reason: 'within_period', reviewAt: day(1105) },
    ],
    ['…and gone on that day', facts({ flags: [closedFlag(10)] }), 1105, { purge: true, expiredAt: day(1105) }],
    [
      'a sanction issued after the decision counts from the sanction',
      facts({ flags: [closedFlag(10)], sanctions: [sanction(12)] }),
      1106,
      { purge: false, reviewAt: day(1107) },
    ],
    [
      'a suspension counts from its end (due or ended)',
      facts({ flags: [closedFlag(10)], sanctions: [sanction(10, 40)] }),
      1134,
      { purge: false, reviewAt: day(1135) },
    ],
    [
      'a sanction ended early (revoked) counts from when it ended',
      facts({ flags: [closedFlag(10)], sanctions: [sanction(10, 40, 20)] }),
      1115,
      { purge: true, expiredAt: day(1115) },
    ],
    [
      'a pending appeal holds it',
      facts({
        flags: [closedFlag(10)],
        sanctions: [sanction(10)],
        appeals: [{ status: 'pending', createdAt: day(30), decidedAt: null }],
      }),
      5000,
      { purge: false, reason: 'held_by_pending_appeal' },
    ],
    [
      'a decided appeal starts the period again',
      facts({
        flags: [closedFlag(10)],
        sanctions: [sanction(10)],
        appeals: [{ status: 'upheld', createdAt: day(30), decidedAt: day(60) }],
      }),
      1154,
      { purge: false, reviewAt: day(1155) },
    ],
    [
      'an account ban in force holds its evidence past the period, however long it lasts',
      facts({ flags: [closedFlag(10)], sanctions: [sanction(10, null, null, 'account_ban')] }),
      5000,
      { purge: false, class: 'evidence', reason: 'held_by_sanction_in_force', reviewAt: day(5001) },
    ],
    [
      'a delisting in force holds it too',
      facts({ flags: [closedFlag(10)], sanctions: [sanction(10, null, null, 'delisting')] }),
      1200,
      { purge: false, reason: 'held_by_sanction_in_force' },
    ],
    [
      'a ban lifted (revoked on day 400) counts from when it ended',
      facts({ flags: [closedFlag(10)], sanctions: [sanction(10, null, 400, 'account_ban')] }),
      1495,
      { purge: true, expiredAt: day(1495) },
    ],
    [
      'a warning restricts nothing: it counts from its issue, though it has no end',
      facts({ flags: [closedFlag(10)], sanctions: [sanction(10, null, null, 'warning')] }),
      1105,
      { purge: true, expiredAt: day(1105) },
    ],
    [
      'a sanction without a flag in the batch is still evidence',
      facts({ sanctions: [sanction(3)] }),
      100,
      { purge: false, class: 'evidence', reviewAt: day(1098) },
    ],
  ])('%s', (_name, input, nowDay, expected) => {
    expect(retentionVerdict(input, rules, day(nowDay))).toMatchObject(expected);
  });
});

describe('lastDecisionAt', () => {
  it('is the finish when nothing was decided, and a merged flag counts from its last change', () => {
    expect(lastDecisionAt(facts())).toEqual(t0);
    expect(lastDecisionAt(facts({ flags: [{ status: 'closed', decidedAt: null, updatedAt: day(4) }] }))).toEqual(
      day(4),
    );
  });
});

describe('reachesEvidenceThreshold', () => {
  const thresholds = { porn: { evidenceThreshold: 0.5 }, gambling: { evidenceThreshold: 0.3 } };
  it.each<[Record<string, number> | null, boolean]>([
    [null, false],
    [{}, false],
    [{ porn: 0.49, gambling: 0.29 }, false],
    [{ porn: 0.5 }, true],
    [{ gambling: 0.9 }, true],
    // A score for something the policy does not name is no evidence.
    [{ drawing: 0.99 }, false],
  ])('%j → %s', (categories, expected) => {
    expect(reachesEvidenceThreshold(categories, thresholds)).toBe(expected);
  });
});
