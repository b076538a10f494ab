import type { Category, CategoryScores } from './category';
import type { CategoryFlagRule } from './flag-policy';
import { combineEvidence } from './flag-policy';

/** What flag evaluation needs of a signal. */
export interface EvaluatedSignal {
  id: string;
  /** The stream or post the signal was recorded against. */
  subjectId: string | null;
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

/** What attribution needs of a signal or a piece of evidence. */
export interface AttributedContent {
  sourceKind: string;
  actorRole?: string | null;
  actorAccountId?: string | null;
  /** A text line's detail says whether it was chat or transcript (`kind`). */
  detail?: Record<string, unknown> | null;
}

/**
 * Who answers for a piece of content: the subject's owner (the streamer for frames, on-screen text, the
 * transcript, their own chat and the tips their room takes; the author for a post), or the viewer who sent a chat
 * line. A line without a known sender answers to nobody: it cannot flag the streamer, and has no one else.
 */
export function answerableParty(content: AttributedContent): 'owner' | 'viewer' | 'nobody' {
  if (content.actorRole !== 'viewer') return 'owner';
  return content.actorAccountId ? 'viewer' : 'nobody';
}

/**
 * What may interrupt a stream before review: the streamer's frames, the text on them and their transcript. Not
 * chat, not even the streamer's own (it answers for it in review), and never viewers' chat or tips.
 */
export const isStreamersOwnContent = (content: AttributedContent): boolean =>
  content.sourceKind === 'frame' ||
  content.sourceKind === 'frame_text' ||
  (content.sourceKind === 'text_line' && content.actorRole === 'streamer' && content.detail?.kind === 'transcript');

/**
 * Whether a flag's evidence allows an interruption before review: only the streamer's own content counts, from at
 * least `minSignals` different frames or lines (one frame read by two models is still one frame), and their
 * noisy-OR (each piece at its strongest) must reach the threshold.
 */
export function autoActionHolds(
  evidence: Array<AttributedContent & { score: number; sourceId: string }>,
  rule: { autoActionThreshold: number | null; autoActionMinSignals: number },
): boolean {
  if (rule.autoActionThreshold === null) return false;
  const pieces = new Map<string, number>();
  for (const e of evidence.filter(isStreamersOwnContent))
    pieces.set(e.sourceId, Math.max(pieces.get(e.sourceId) ?? 0, e.score));
  return pieces.size >= rule.autoActionMinSignals && combineEvidence([...pieces.values()]) >= rule.autoActionThreshold;
}

/**
 * The signals that form floods: lines linked by a shared key (the same normalised line, the same contact) are one
 * conduct, and a group whose lines come from at least `minSenders` distinct accounts is a flood. Returns the
 * floods' signals, each group's in the order given.
 */
export function floodSignals<S extends { id: string; actorAccountId?: string | null }>(
  signals: S[],
  keysOf: (signal: S) => string[],
  minSenders: number,
): S[] {
  const parent = signals.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const firstWithKey = new Map<string, number>();
  signals.forEach((signal, i) => {
    for (const key of keysOf(signal)) {
      const other = firstWithKey.get(key);
      if (other === undefined) firstWithKey.set(key, i);
      else parent[root(i)] = root(other);
    }
  });
  const senders = new Map<number, Set<string>>();
  signals.forEach((signal, i) => {
    if (!signal.actorAccountId) return;
    const group = root(i);
    if (!senders.has(group)) senders.set(group, new Set());
    senders.get(group)!.add(signal.actorAccountId);
  });
  return signals.filter((_, i) => (senders.get(root(i))?.size ?? 0) >= minSenders);
}

/** The reason code (and rule) of a room held answerable for a flood its streamer joined or let run. */
export const ROOM_FLOODED = 'room_flooded';

/** When policy holds a flooded room's streamer answerable; null seconds: never for the time alone. */
export interface RoomRule {
  roomAnswersAfterSeconds: number | null;
  roomAnswersWhenStreamerJoins: boolean;
}

/**
 * Whether a room answers for the flood in it, and why: its streamer's own lines (their conduct keys given) carry
 * the flood's line or contact (they take part), or the flood is still going the policy's time after its cluster
 * opened (nobody stopped it). Null: the senders alone answer for it.
 */
export function roomAnswersForFlood<S>(
  flood: S[],
  streamersKeys: string[],
  keysOf: (signal: S) => string[],
  rule: RoomRule,
  running: { since: Date; now: Date },
): 'streamer_took_part' | 'left_unchecked' | null {
  if (!flood.length) return null;
  if (rule.roomAnswersWhenStreamerJoins) {
    const floodKeys = new Set(flood.flatMap(keysOf));
    if (streamersKeys.some((k) => floodKeys.has(k))) return 'streamer_took_part';
  }
  if (rule.roomAnswersAfterSeconds === null) return null;
  return running.now.getTime() - running.since.getTime() >= rule.roomAnswersAfterSeconds * 1000
    ? 'left_unchecked'
    : null;
}
