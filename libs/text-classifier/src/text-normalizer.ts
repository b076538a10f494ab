import { characterFolder } from './character-folding';
import type { TextSpan } from './text-scorer';

/**
 * Text in the form the lexicon is matched against, with the way back to the original: normalised UTF-16 unit i
 * came from original[starts[i], ends[i]).
 */
export interface NormalizedText {
  original: string;
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a separator (space, punctuation, emoji) was dropped just before unit i: a word boundary for Latin terms. */
  gaps: Uint8Array;
}

/** The original span of normalised units [from, to). */
export function originalSpan(normalized: NormalizedText, from: number, to: number): TextSpan {
  return { start: normalized.starts[from], end: normalized.ends[to - 1] };
}

export const isLatinLetter = (unit: number) => unit >= 0x61 && unit <= 0x7a;
const isDigit = (unit: number) => unit >= 0x30 && unit <= 0x39;

/**
 * The class of a unit that must not be cut out of a run of its own kind: 1 for Latin letters (av in "have"),
 * 2 for digits (28 in "288"), 0 for anything else.
 */
export const runClass = (unit: number) => (isLatinLetter(unit) ? 1 : isDigit(unit) ? 2 : 0);

/** Whether units [from, to) of `units` start and end at run edges, a separator counting as an edge. */
export function atRunEdges(
  unitAt: (i: number) => number,
  length: number,
  gaps: ArrayLike<number>,
  from: number,
  to: number,
): boolean {
  const first = runClass(unitAt(from));
  if (first && from > 0 && !gaps[from] && runClass(unitAt(from - 1)) === first) return false;
  const last = runClass(unitAt(to - 1));
  if (last && to < length && !gaps[to] && runClass(unitAt(to)) === last) return false;
  return true;
}

/** UTF-16 units to a string, in chunks: spreading a very long array into one call overflows the stack. */
function fromUnits(units: number[]): string {
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.slice(i, i + 4096));
  return text;
}

interface TrieNode {
  children: Map<number, TrieNode>;
  replacement?: string;
}

/** Folded units before variant rewriting; soft symbols (❤) are kept as their stand-in until a variant uses them. */
interface Folded {
  units: number[];
  starts: number[];
  ends: number[];
  gaps: number[];
  soft: number[];
}

/**
 * Normalises text: per-character folding (traditional → simplified, full-width → half-width, lower case, look-alike
 * letters, Chinese numerals → digits, separators dropped), then variant spellings (homophones, pinyin,
 * abbreviations) rewritten to their canonical form, longest match first.
 */
export class TextNormalizer {
  private readonly folder = characterFolder();
  private readonly root: TrieNode = { children: new Map() };

  /** `variants`: variant spelling → canonical form. A variant that maps to itself protects a harmless phrase. */
  constructor(variants: Iterable<[string, string]> = []) {
    for (const [variant, canonical] of variants) this.addVariant(variant, canonical);
  }

  normalize(original: string): NormalizedText {
    return this.rewrite(original, this.fold(original));
  }

  /** Folds a lexicon term the same way as text, so terms and text meet in one form. */
  normalizeTerm(term: string): string {
    return this.normalize(term).text;
  }

  private addVariant(variant: string, canonical: string): void {
    const key = this.fold(variant, true);
    const target = this.fold(canonical).units;
    if (!key.units.length) return;
    let node = this.root;
    for (const unit of key.units) {
      let child = node.children.get(unit);
      if (!child) node.children.set(unit, (child = { children: new Map() }));
      node = child;
    }
    node.replacement = fromUnits(target);
  }

  /** `keepSoft`: a variant key writes soft symbols as their stand-in character, which then must match. */
  private fold(original: string, keepSoft = false): Folded {
    const folded: Folded = { units: [], starts: [], ends: [], gaps: [], soft: [] };
    let gap = 0;
    for (let i = 0; i < original.length;) {
      const codePoint = original.codePointAt(i)!;
      const width = codePoint > 0xffff ? 2 : 1;
      const stand = this.folder.soft(codePoint);
      const out = stand ?? this.folder.fold(codePoint);
      if (!out) gap = 1;
      for (let k = 0; k < out.length; k++) {
        folded.units.push(out.charCodeAt(k));
        folded.starts.push(i);
        folded.ends.push(i + width);
        folded.gaps.push(k === 0 ? gap : 0);
        folded.soft.push(stand !== undefined && !keepSoft ? 1 : 0);
      }
      if (out) gap = 0;
      i += width;
    }
    return folded;
  }

  private rewrite(original: string, folded: Folded): NormalizedText {
    const { units, starts, ends, gaps, soft } = folded;
    const n = units.length;
    const out: number[] = [];
    const outStarts: number[] = [];
    const outEnds: number[] = [];
    const outGaps: number[] = [];
    let pendingGap = 0;
    const emit = (unit: number, start: number, end: number, gap: number) => {
      out.push(unit);
      outStarts.push(start);
      outEnds.push(end);
      outGaps.push(gap | pendingGap);
      pendingGap = 0;
    };
    for (let i = 0; i < n;) {
      if (soft[i]) {
        pendingGap = 1;
        i++;
        continue;
      }
      const [end, node] = this.longestVariant(units, gaps, soft, i);
      if (node) {
        const replacement = node.replacement!;
        for (let k = 0; k < replacement.length; k++)
          emit(replacement.charCodeAt(k), starts[i], ends[end - 1], k === 0 ? gaps[i] : 0);
        i = end;
      } else {
        emit(units[i], starts[i], ends[i], gaps[i]);
        i++;
      }
    }
    return {
      original,
      text: fromUnits(out),
      starts: Int32Array.from(outStarts),
      ends: Int32Array.from(outEnds),
      gaps: Uint8Array.from(outGaps),
    };
  }

  /** The longest variant starting at `from`; soft symbols the key does not spell are skipped over. */
  private longestVariant(
    units: number[],
    gaps: number[],
    soft: number[],
    from: number,
  ): [number, TrieNode | undefined] {
    let node = this.root;
    let best: TrieNode | undefined;
    let bestEnd = from;
    for (let j = from; j < units.length; j++) {
      const child = node.children.get(units[j]);
      if (!child) {
        if (soft[j] && node !== this.root) continue;
        break;
      }
      node = child;
      if (node.replacement !== undefined && atRunEdges((i) => units[i], units.length, gaps, from, j + 1)) {
        best = node;
        bestEnd = j + 1;
      }
    }
    return [bestEnd, best];
  }
}
