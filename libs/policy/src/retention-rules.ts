import type { Node } from 'yaml';
import type { PolicyReader } from './policy-reader';

/**
 * How long media (uploads, fetched segments, sampled frames) is kept. Rows (signals, flags, sanctions, the audit
 * log) are kept whatever happens to the files: reports and the audit chain read rows only.
 */
export interface RetentionRules {
  /** Media of an item that raised nothing (no signal at a category's evidence threshold, no flag): days after it finished. */
  benignDays: number;
  /**
   * Media behind a flag or a sanction: days after the last decision on it (the flag decided, a sanction issued,
   * ended or appealed), the period platforms must keep records for. Open flags and pending appeals hold it.
   */
  complianceDays: number;
}

const YEARS_10 = 3650;

/** Reads `retention` (optional: 7 days for benign media, 3 years for evidence) and checks it against the rest. */
export function readRetention(
  read: PolicyReader,
  root: Node,
  limits: { longestWindowSeconds: number; appealWindowDays: number },
): RetentionRules {
  const node = read.map(root, 'retention', 'retention', true);
  const rules: RetentionRules = {
    benignDays: node ? read.number(node, 'benign_days', 'retention', 1, YEARS_10, 7) : 7,
    complianceDays: node ? read.number(node, 'compliance_days', 'retention', 1, 10 * YEARS_10, 1095) : 1095,
  };
  // Media must outlive everything that may still make it evidence: a later flag within a category's window, an
  // appeal within the appeal window.
  const windowDays = Math.ceil(limits.longestWindowSeconds / 86_400);
  if (rules.benignDays < windowDays)
    read.fail(
      (node && read.child(node, 'benign_days')) ?? node ?? root,
      `retention.benign_days must be at least ${windowDays}: the longest category window (window_seconds)`,
    );
  if (rules.complianceDays < Math.max(rules.benignDays, limits.appealWindowDays))
    read.fail(
      (node && read.child(node, 'compliance_days')) ?? node ?? root,
      `retention.compliance_days must be at least benign_days and sanctions.appeal_window_days`,
    );
  return rules;
}
