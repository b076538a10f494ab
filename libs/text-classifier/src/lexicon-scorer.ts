import { Lexicon } from './lexicon-loader';
import { LexiconHit, LexiconMatcher } from './lexicon-matcher';
import { ComboRule, LexiconFormatError } from './lexicon-parser';
import { NormalizedText, TextNormalizer, originalSpan } from './text-normalizer';
import {
  TEXT_CATEGORIES,
  TextCategory,
  TextEvidence,
  TextScore,
  TextScorer,
  isTextCategory,
  zeroScores,
} from './text-scorer';

/**
 * The rule/lexicon scorer. A category's score is the noisy-OR of its distinct rules' weights (terms, regexes and
 * combinations), 1 - Π(1 - w), multiplied by the strongest warning-context factor for that category.
 */
export class LexiconScorer implements TextScorer {
  readonly name = 'lexicon';
  readonly normalizer: TextNormalizer;
  private readonly matcher: LexiconMatcher;

  constructor(private readonly lexicon: Lexicon) {
    this.normalizer = new TextNormalizer(lexicon.variants);
    this.matcher = new LexiconMatcher(lexicon, this.normalizer);
    const groups = new Set<string>([
      ...TEXT_CATEGORIES,
      ...lexicon.terms.map((t) => t.group),
      ...lexicon.regexes.map((r) => r.group),
    ]);
    for (const combo of lexicon.combos) {
      const unknown = combo.parts.filter((part) => !groups.has(part));
      if (unknown.length) throw new LexiconFormatError(`${combo.id}: no term or regex has group ${unknown.join(', ')}`);
    }
  }

  score(text: string): TextScore {
    const normalized = this.normalizer.normalize(text);
    const { hits, damps } = this.matcher.match(normalized);
    const evidence: TextEvidence[] = [];
    // Each rule counts once however often it fires, so repetition alone does not raise a score.
    const weights = new Map<string, { category: TextCategory; weight: number }>();
    for (const hit of hits) {
      if (!isTextCategory(hit.group)) continue;
      const span = originalSpan(normalized, hit.from, hit.to);
      evidence.push({
        category: hit.group,
        span,
        text: text.slice(span.start, span.end),
        rule: hit.id,
        weight: hit.weight,
      });
      weights.set(hit.id, { category: hit.group, weight: hit.weight });
    }
    const byGroup = groupHits(hits);
    for (const combo of this.lexicon.combos) {
      const parts = findCombo(combo, byGroup);
      if (!parts) continue;
      evidence.push(comboEvidence(combo, parts, normalized));
      weights.set(combo.id, { category: combo.category, weight: combo.weight });
    }
    const misses = { gambling: 1, porn: 1, tipping: 1 };
    for (const { category, weight } of weights.values()) misses[category] *= 1 - weight;
    const scores = zeroScores();
    for (const category of TEXT_CATEGORIES) scores[category] = (1 - misses[category]) * (damps.get(category) ?? 1);
    return { scores, evidence };
  }
}

function groupHits(hits: LexiconHit[]): Map<string, LexiconHit[]> {
  const byGroup = new Map<string, LexiconHit[]>();
  for (const hit of hits) {
    const list = byGroup.get(hit.group);
    if (list) list.push(hit);
    else byGroup.set(hit.group, [hit]);
  }
  return byGroup;
}

/** One hit per part, all within the combo's window (the span covering them all), or undefined. */
function findCombo(combo: ComboRule, byGroup: Map<string, LexiconHit[]>): LexiconHit[] | undefined {
  const candidates = combo.parts.map((part) => byGroup.get(part) ?? []);
  if (candidates.some((list) => !list.length)) return undefined;
  const chosen: LexiconHit[] = [];
  const search = (index: number, from: number, to: number): boolean => {
    if (index === candidates.length) return true;
    for (const hit of candidates[index]) {
      const start = Math.min(from, hit.from);
      const end = Math.max(to, hit.to);
      // Parts must be separate words: one phrase in two groups (a term that is also a cue) is not a combination.
      if (end - start > combo.window || chosen.some((other) => other.from < hit.to && hit.from < other.to)) continue;
      chosen.push(hit);
      if (search(index + 1, start, end)) return true;
      chosen.pop();
    }
    return false;
  };
  return search(0, Infinity, -Infinity) ? chosen : undefined;
}

function comboEvidence(combo: ComboRule, parts: LexiconHit[], normalized: NormalizedText): TextEvidence {
  const from = Math.min(...parts.map((part) => part.from));
  const to = Math.max(...parts.map((part) => part.to));
  const span = originalSpan(normalized, from, to);
  return {
    category: combo.category,
    span,
    text: normalized.original.slice(span.start, span.end),
    rule: combo.id,
    weight: combo.weight,
    parts: parts.map((part) => {
      const partSpan = originalSpan(normalized, part.from, part.to);
      return { span: partSpan, text: normalized.original.slice(partSpan.start, partSpan.end), rule: part.id };
    }),
  };
}
