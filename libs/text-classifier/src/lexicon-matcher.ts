import AhoCorasick from 'modern-ahocorasick';
import { LexiconRules, TermRule } from './lexicon-parser';
import { NormalizedText, TextNormalizer, atRunEdges } from './text-normalizer';
import { TextCategory, isTextCategory } from './text-scorer';

/** One rule that fired, at normalised units [from, to). */
export interface LexiconHit {
  id: string;
  /** A category or a cue group. */
  group: string;
  weight: number;
  from: number;
  to: number;
}

export interface LexiconMatches {
  hits: LexiconHit[];
  /** Categories in a warning or news context, with the factor their scores are multiplied by. */
  damps: Map<TextCategory, number>;
}

interface Phrase {
  rules: TermRule[];
}

/**
 * Finds every term, cue, safe phrase and warning context in one Aho-Corasick pass over the normalised text, then
 * the regex rules. Drops hits that overlap a safe phrase without enclosing it (色 of 颜色视频 is colour, not
 * porn) and hits inside a longer hit of the same group.
 */
export class LexiconMatcher {
  private readonly automaton: AhoCorasick<Phrase>;

  constructor(
    private readonly rules: LexiconRules,
    normalizer: TextNormalizer,
  ) {
    const phrases = new Map<string, Phrase>();
    for (const rule of rules.terms) {
      const phrase = normalizer.normalizeTerm(rule.phrase);
      // A one-character term (色, 赌) is too ambiguous to score alone; it may only be a cue inside a combo.
      if (!phrase || (phrase.length < 2 && (rule.kind !== 'term' || isTextCategory(rule.group)))) continue;
      let entry = phrases.get(phrase);
      if (!entry) {
        entry = { rules: [] };
        phrases.set(phrase, entry);
      }
      // Two sources naming the same phrase for the same group are one piece of evidence: keep the stronger.
      const same =
        rule.kind === 'term'
          ? entry.rules.findIndex((other) => other.kind === 'term' && other.group === rule.group)
          : -1;
      if (same < 0) entry.rules.push(rule);
      else if (rule.weight > entry.rules[same].weight) entry.rules[same] = rule;
    }
    this.automaton = new AhoCorasick([...phrases].map(([pattern, data]) => ({ pattern, data })));
  }

  match(normalized: NormalizedText): LexiconMatches {
    const { text } = normalized;
    const found: LexiconHit[] = [];
    const safe: Array<[number, number]> = [];
    const damps = new Map<TextCategory, number>();
    for (const { start, end, data } of this.automaton.search(text)) {
      if (!data || !atRunEdges((i) => text.charCodeAt(i), text.length, normalized.gaps, start, end)) continue;
      for (const rule of data.rules) {
        if (rule.kind === 'safe') safe.push([start, end]);
        else if (rule.kind === 'damp')
          for (const category of rule.damps) damps.set(category, Math.min(damps.get(category) ?? 1, rule.weight));
        else found.push({ id: rule.id, group: rule.group, weight: rule.weight, from: start, to: end });
      }
    }
    for (const rule of this.rules.regexes) {
      rule.pattern.lastIndex = 0;
      for (const match of text.matchAll(rule.pattern)) {
        if (match[0])
          found.push({
            id: rule.id,
            group: rule.group,
            weight: rule.weight,
            from: match.index,
            to: match.index + match[0].length,
          });
      }
    }
    const hits = found.filter(
      (hit) =>
        !safe.some(
          ([from, to]) =>
            from < hit.to && hit.from < to && !(hit.from <= from && to <= hit.to && hit.to - hit.from > to - from),
        ) &&
        !found.some(
          (other) =>
            other !== hit &&
            other.group === hit.group &&
            other.from <= hit.from &&
            hit.to <= other.to &&
            other.to - other.from > hit.to - hit.from,
        ),
    );
    return { hits, damps };
  }
}
