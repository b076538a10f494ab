import type { Category } from './category';

export interface CategoryFlagRule {
  /** Confidence at which a flag opens. */
  flagThreshold: number;
  /** A signal counts as evidence for the category from this score. */
  evidenceThreshold: number;
  /** Signals older than this no longer add up. */
  windowSeconds: number;
  /** Weight of the category in the review queue. */
  severity: number;
  /** A live stream's flag at or above this is acted on before review; null: never. */
  autoActionThreshold: number | null;
  /** Pieces of the streamer's own content an automatic interruption needs at least. */
  autoActionMinSignals: number;
}

/** The part of the policy flagging reads; its version (a hash of the policy file) is stored on every flag. */
export interface FlagPolicy {
  readonly version: string;
  rule(category: Category): CategoryFlagRule;
  /** Floods: distinct senders of one line or one contact that make a cluster flag, and when the room answers too. */
  readonly clusters: {
    minSenders: number;
    roomAnswersAfterSeconds: number | null;
    roomAnswersWhenStreamerJoins: boolean;
  };
}

export const FLAG_POLICY = Symbol('FLAG_POLICY');

/**
 * Independent pieces of evidence add up as a noisy-OR: 1 - Π(1 - score). One strong signal flags on its own;
 * several weaker ones in the window can too, which a maximum would miss.
 */
export function combineEvidence(scores: number[]): number {
  const none = scores.reduce((product, score) => product * (1 - Math.min(Math.max(score, 0), 0.999)), 1);
  return Number((1 - none).toFixed(4));
}

/**
 * Review-queue priority before aging: the category's severity first, then confidence, then audience (a stream
 * watched by 100,000 does more harm per minute than one watched by 10).
 */
export function flagPriority(severity: number, confidence: number, audience: number): number {
  return Number((severity * 10 + confidence * 10 + Math.min(10, 2 * Math.log10(1 + Math.max(0, audience)))).toFixed(3));
}
