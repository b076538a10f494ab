import type { Category, CategoryScores } from './category';
import type { CategoryFlagRule } from './flag-policy';
import { combineEvidence } from './flag-policy';

/** What flag evaluation needs of a signal. */
export interface EvaluatedSignal {
  id: string;
  /** The stream or post the signal was recorded against. */
  subjectId: string;
  createdAt: Date;
  categories: CategoryScores | null;
}

/** A category's signals that still add up at `now`: inside the window (its start included) and strong enough. */
export function signalsInWindow<S extends EvaluatedSignal>(
  signals: S[],
  category: Category,
  rule: Pick<CategoryFlagRule, 'windowSeconds' | 'evidenceThreshold'>,
  now: Date,
): S[] {
  const windowStart = now.getTime() - rule.windowSeconds * 1000;
  return signals.filter(
    (s) => s.createdAt.getTime() >= windowStart && (s.categories?.[category] ?? 0) >= rule.evidenceThreshold,
  );
}

export interface EvidenceVerdict<S> {
  /** The signals that count: in the window and never decided on by a reviewer. */
  evidence: S[];
  /** Their noisy-OR. */
  confidence: number;
}

/**
 * Whether a category's evidence in the window opens a flag (or adds to the open one), and with what confidence.
 * Evidence a reviewer already decided on never counts again; an account flag needs evidence from at least
 * `minSubjects` streams or posts; a new flag needs the flag threshold, while an open flag takes any new evidence.
 */
export function judgeEvidence<S extends EvaluatedSignal>(
  inWindow: S[],
  decided: ReadonlySet<string>,
  category: Category,
  rule: Pick<CategoryFlagRule, 'flagThreshold'>,
  options: { hasOpenFlag: boolean; minSubjects: number },
): EvidenceVerdict<S> | null {
  const evidence = inWindow.filter((s) => !decided.has(s.id));
  if (!evidence.length || new Set(evidence.map((s) => s.subjectId)).size < options.minSubjects) return null;
  const confidence = combineEvidence(evidence.map((s) => s.categories?.[category] ?? 0));
  if (!options.hasOpenFlag && confidence < rule.flagThreshold) return null;
  return { evidence, confidence };
}
