import { createHash } from 'node:crypto';
import { LineCounter, Node, isMap, parseDocument } from 'yaml';
import { Invalid, PolicyError, PolicyReader } from './policy-reader';
import { LadderRung, SANCTION_ACTIONS, SanctionAction, VIEWER_ACTIONS, parseRung } from './sanction-ladder';
import { RetentionRules, readRetention } from './retention-rules';

export { PolicyError } from './policy-reader';

export const POLICY_CATEGORIES = ['gambling', 'porn', 'tipping'] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];

export interface ViolationReason {
  /** What a reviewer picks and a statement of reasons names. */
  label: string;
  /** The mildest sanction this reason may get, whatever the strike count (a minor induced to tip: 30 days). */
  atLeast?: LadderRung;
}

export interface CategoryRules {
  /** Confidence at which a flag opens. */
  flagThreshold: number;
  /** A signal counts as evidence for the category from this score. */
  evidenceThreshold: number;
  /** Signals older than this no longer add up to a flag. */
  windowSeconds: number;
  /** Weight of the category in the review queue (gambling and porn above a warning-level category). */
  severity: number;
  /**
   * A flag on a live stream at or above this confidence interrupts the stream before review; null: never. Only
   * the streamer's own content counts towards it (frames, on-screen text, the streamer's transcript and chat).
   */
  autoActionThreshold: number | null;
  /** How many pieces of the streamer's own content an automatic interruption needs at least (one frame can mislead). */
  autoActionMinSignals: number;
  /** Sanctions for the first, second, ... strike still in the window; the last repeats. */
  ladder: LadderRung[];
  /** Strikes older than this no longer count. */
  strikeWindowDays: number;
  /** Reason codes a reviewer may confirm this category with. */
  reasons: Record<string, ViolationReason>;
}

/** Rules over tip events (China's 2022 live-stream tipping rules: minors may not tip; caps; no inducement). */
export interface TippingRules {
  windowSeconds: number;
  /** Total one tipper may give one stream within the window. */
  tipperAmountCap: number;
  /** The platform's cap on a single tip; many tips just under it look like structuring. */
  singleTipCap: number;
  structuringMinCount: number;
  /** Tips this soon after an inducement line in chat or transcript count as a burst. */
  burstSeconds: number;
  burstMinTips: number;
  /** One tipper tipping this many different streams within the window. */
  linkedStreamsMin: number;
}

/** What a reviewer escalates for when the policy names nothing else (the console's choices). */
const DEFAULT_ESCALATE_REASONS = ['needs_senior_review', 'policy_unclear', 'needs_context'];

export interface ReviewRules {
  /** A claim lasts this long; an abandoned one returns to the queue after it. */
  claimLeaseSeconds: number;
  /** Priority points a flag gains per hour it waits, so old flags are not starved by fresh severe ones. */
  agingPerHour: number;
  /** Sanctions that need a second, different reviewer's confirmation. */
  secondReviewerFor: SanctionAction[];
  /** Reason codes for rejecting a flag. */
  rejectReasons: string[];
  /** Reason codes for escalating a flag to a senior reviewer. */
  escalateReasons: string[];
}

export interface SanctionRules {
  /** Tip income frozen during a suspension and this many days after it; null: no monetary action. */
  tipIncomeFreezeDaysAfter: number | null;
  /** Days an account has to appeal, told in every statement of reasons. */
  appealWindowDays: number;
  /** What a confirmed ban-evasion flag (a new account of a delisted person) gets. */
  banEvasion: LadderRung;
}

/** How often a pulled live stream is sampled, by risk: the first tier that applies wins. */
export interface SamplingRules {
  /** Seconds between frames for a stream with nothing against it. */
  defaultSeconds: number;
  /** While the stream has an open flag. */
  openFlagSeconds: number;
  /** While the streamer has a strike in the window. */
  strikesSeconds: number;
  /** From this many viewers. */
  largeAudienceViewers: number;
  largeAudienceSeconds: number;
}

/** Viewers (chat senders) are sanctioned on their own ladder: their chat, then their account. */
export interface ViewerRules {
  /** Sanctions for a viewer's first, second, ... strike in the window (any category); the last repeats. */
  ladder: LadderRung[];
  strikeWindowDays: number;
}

/** Many senders posting one line or one contact: a flood, decided once as a cluster flag. */
export interface ClusterRules {
  /** Distinct sender accounts that make a flood. */
  minSenders: number;
  /** A flood running this long makes the room answer too (a stream flag, reason room_flooded); null: never. */
  roomAnswersAfterSeconds: number | null;
  /** The streamer's own content carrying the flood's line or contact makes the room answer too. */
  roomAnswersWhenStreamerJoins: boolean;
}

/** Staff access: how long a token is good for before it must be rotated. */
export interface StaffRules {
  tokenLifetimeDays: number;
}

export interface Policy {
  /** SHA-256 of the policy file's bytes (first 16 hex digits): stored with every decision made under it. */
  version: string;
  categories: Record<PolicyCategory, CategoryRules>;
  tipping: TippingRules;
  review: ReviewRules;
  sanctions: SanctionRules;
  sampling: SamplingRules;
  viewers: ViewerRules;
  clusters: ClusterRules;
  staff: StaffRules;
  retention: RetentionRules;
}

/** Sampling faster than this costs more than it finds: consecutive frames are near-duplicates. */
export const MIN_SAMPLING_SECONDS = 0.5;

const DAY = 24 * 3600;

/** Parses and validates `config/policy.yaml`: every section, so a bad file stops the boot and names its line. */
export function parsePolicy(content: string, source = 'policy.yaml'): Policy {
  const lines = new LineCounter();
  const document = parseDocument(content, { lineCounter: lines, prettyErrors: false });
  const read = new PolicyReader(source, lines);
  if (document.errors.length) {
    const error = document.errors[0];
    throw new PolicyError(
      `${source}:${lines.linePos(error.pos[0]).line}: not valid YAML: ${error.message.split('\n')[0]}`,
    );
  }
  const root = document.contents as Node;
  if (!isMap(root)) read.fail(root, 'expected a mapping');
  const categoriesNode = read.map(root, 'categories', 'categories')!;
  const categories = {} as Record<PolicyCategory, CategoryRules>;
  for (const category of POLICY_CATEGORIES)
    categories[category] = readCategory(
      read,
      read.map(categoriesNode, category, `categories.${category}`)!,
      `categories.${category}`,
    );

  const tippingNode = read.map(root, 'tipping_rules', 'tipping_rules')!;
  const tip = (key: string, min: number, max: number) => read.number(tippingNode, key, 'tipping_rules', min, max);
  const tipping: TippingRules = {
    windowSeconds: tip('window_seconds', 1, 30 * DAY),
    tipperAmountCap: tip('tipper_amount_cap', 0, 1e9),
    singleTipCap: tip('single_tip_cap', 0, 1e9),
    structuringMinCount: tip('structuring_min_count', 2, 1000),
    burstSeconds: tip('burst_seconds', 1, 3600),
    burstMinTips: tip('burst_min_tips', 2, 10_000),
    linkedStreamsMin: tip('linked_streams_min', 2, 1000),
  };

  const reviewNode = read.map(root, 'review', 'review', true);
  const review: ReviewRules = {
    claimLeaseSeconds: reviewNode ? read.number(reviewNode, 'claim_lease_seconds', 'review', 10, DAY, 300) : 300,
    agingPerHour: reviewNode ? read.number(reviewNode, 'aging_per_hour', 'review', 0, 1000, 1) : 1,
    secondReviewerFor: reviewNode
      ? read.list(
          reviewNode,
          'second_reviewer_for',
          'review',
          (v) =>
            SANCTION_ACTIONS.includes(v as SanctionAction)
              ? (v as SanctionAction)
              : new Invalid(`"${String(v)}" is not one of ${SANCTION_ACTIONS.join(', ')}`),
          [],
          true,
        )
      : [],
    rejectReasons: reviewNode
      ? read.list(reviewNode, 'reject_reasons', 'review', reasonCode, ['false_positive', 'insufficient_evidence'])
      : ['false_positive', 'insufficient_evidence'],
    escalateReasons: reviewNode
      ? read.list(reviewNode, 'escalate_reasons', 'review', reasonCode, DEFAULT_ESCALATE_REASONS)
      : DEFAULT_ESCALATE_REASONS,
  };

  const sanctionsNode = read.map(root, 'sanctions', 'sanctions', true);
  const banEvasion: LadderRung =
    sanctionsNode && read.child(sanctionsNode, 'ban_evasion') !== undefined
      ? read.scalar(sanctionsNode, 'ban_evasion', 'sanctions', parseRung)
      : { action: 'delisting' };
  const sanctions: SanctionRules = {
    tipIncomeFreezeDaysAfter: sanctionsNode
      ? read.optionalNumber(sanctionsNode, 'tip_income_freeze_days_after', 'sanctions', 0, 3650)
      : null,
    appealWindowDays: sanctionsNode ? read.number(sanctionsNode, 'appeal_window_days', 'sanctions', 1, 3650, 30) : 30,
    banEvasion,
  };
  const samplingNode = read.map(root, 'sampling', 'sampling', true);
  const seconds = (key: string, fallback: number) =>
    samplingNode ? read.number(samplingNode, key, 'sampling', MIN_SAMPLING_SECONDS, 3600, fallback) : fallback;
  const sampling: SamplingRules = {
    defaultSeconds: seconds('default_seconds', 5),
    openFlagSeconds: seconds('open_flag_seconds', 1),
    strikesSeconds: seconds('strikes_seconds', 2),
    largeAudienceViewers: samplingNode
      ? read.number(samplingNode, 'large_audience_viewers', 'sampling', 1, 1e9, 10_000)
      : 10_000,
    largeAudienceSeconds: seconds('large_audience_seconds', 2),
  };
  const viewersNode = read.map(root, 'viewers', 'viewers', true);
  const viewers: ViewerRules = {
    ladder: viewersNode
      ? read.list(viewersNode, 'ladder', 'viewers', (v) => parseRung(v, VIEWER_ACTIONS))
      : [{ action: 'chat_mute', days: 1 }, { action: 'chat_ban', days: 30 }, { action: 'account_ban' }],
    strikeWindowDays: viewersNode ? read.number(viewersNode, 'strike_window_days', 'viewers', 1, 3650, 90) : 90,
  };
  const clustersNode = read.map(root, 'clusters', 'clusters', true);
  const clusters: ClusterRules = {
    minSenders: clustersNode ? read.number(clustersNode, 'min_senders', 'clusters', 2, 10_000, 3) : 3,
    roomAnswersAfterSeconds: clustersNode
      ? read.optionalNumber(clustersNode, 'room_answers_after_seconds', 'clusters', 10, 30 * DAY)
      : null,
    roomAnswersWhenStreamerJoins: clustersNode
      ? read.boolean(clustersNode, 'room_answers_when_streamer_joins', 'clusters', true)
      : true,
  };
  const staffNode = read.map(root, 'staff', 'staff', true);
  const staff: StaffRules = {
    tokenLifetimeDays: staffNode ? read.number(staffNode, 'token_lifetime_days', 'staff', 1, 3650, 90) : 90,
  };
  const retention = readRetention(read, root, {
    longestWindowSeconds: Math.max(...POLICY_CATEGORIES.map((c) => categories[c].windowSeconds), tipping.windowSeconds),
    appealWindowDays: sanctions.appealWindowDays,
  });
  return {
    version: createHash('sha256').update(content).digest('hex').slice(0, 16),
    categories,
    tipping,
    review,
    sanctions,
    sampling,
    viewers,
    clusters,
    staff,
    retention,
  };
}

function reasonCode(value: unknown): string | Invalid {
  return typeof value === 'string' && /^[a-z][a-z0-9_]{1,63}$/.test(value)
    ? value
    : new Invalid(`"${String(value)}" is not a reason code (lower-case letters, digits, _)`);
}

function readCategory(read: PolicyReader, node: Node, path: string): CategoryRules {
  const reasonsNode = read.map(node, 'reasons', `${path}.reasons`);
  const reasons: Record<string, ViolationReason> = {};
  for (const [code, value] of read.entries(reasonsNode!)) {
    const checked = reasonCode(code);
    if (checked instanceof Invalid) read.fail(value, `${path}.reasons: ${checked.message}`);
    const label = (read.child(value, 'label') as { value?: unknown } | undefined)?.value;
    if (typeof label !== 'string' || !label.trim()) read.fail(value, `${path}.reasons.${code}.label must be a text`);
    const atLeast =
      read.child(value, 'at_least') !== undefined
        ? read.scalar(value, 'at_least', `${path}.reasons.${code}`, parseRung)
        : undefined;
    reasons[code] = { label, ...(atLeast ? { atLeast } : {}) };
  }
  if (!Object.keys(reasons).length) read.fail(reasonsNode, `${path}.reasons must name at least one reason`);
  return {
    flagThreshold: read.number(node, 'flag_threshold', path, 0, 1),
    evidenceThreshold: read.number(node, 'evidence_threshold', path, 0, 1),
    windowSeconds: read.number(node, 'window_seconds', path, 1, 30 * DAY),
    severity: read.number(node, 'severity', path, 0, 100),
    autoActionThreshold: read.optionalNumber(node, 'auto_action_threshold', path, 0, 1),
    autoActionMinSignals: read.number(node, 'auto_action_min_signals', path, 1, 1000, 1),
    ladder: read.list(node, 'ladder', path, parseRung),
    strikeWindowDays: read.number(node, 'strike_window_days', path, 1, 3650),
    reasons,
  };
}
