import { TextCategory, isTextCategory } from './text-scorer';

/**
 * The lexicon's rule files (`*.terms.tsv`), one rule a line, tab-separated, `#` starts a comment line:
 *
 *   term   <group>        <weight>  <phrase>            a phrase; group = a category, or a cue group for combos
 *   regex  <group>        <weight>  <pattern>           a JavaScript regex over the NORMALISED text
 *   combo  <category>     <weight>  <group>+<group>…  [<window>]   all groups within <window> normalised characters
 *   safe   -              -         <phrase>            a harmless phrase: hits inside it do not count (色彩, 赌气)
 *   damp   <category,…>   <factor>  <phrase>            a warning/news context: multiplies those categories' scores
 *
 * Variant files (`*.variants.tsv`) hold `<variant>\t<canonical>` pairs for the normaliser.
 */

export interface TermRule {
  kind: 'term' | 'safe' | 'damp';
  id: string;
  phrase: string;
  /** A category or cue group for `term`; '' for `safe`; unused for `damp` (see `damps`). */
  group: string;
  weight: number;
  damps: TextCategory[];
}

export interface RegexRule {
  id: string;
  group: string;
  weight: number;
  pattern: RegExp;
}

export interface ComboRule {
  id: string;
  category: TextCategory;
  weight: number;
  parts: string[];
  window: number;
}

export interface LexiconRules {
  terms: TermRule[];
  regexes: RegexRule[];
  combos: ComboRule[];
}

export const DEFAULT_COMBO_WINDOW = 30;

export class LexiconFormatError extends Error {}

const GROUP = /^[a-z][a-z-]*$/;

function weightOf(raw: string, where: string): number {
  const weight = Number(raw);
  if (!Number.isFinite(weight) || weight < 0 || weight > 1)
    throw new LexiconFormatError(`${where}: weight must be a number in [0, 1], got "${raw}"`);
  return weight;
}

function groupOf(raw: string, where: string): string {
  if (!GROUP.test(raw)) throw new LexiconFormatError(`${where}: bad group "${raw}" (lower-case letters and '-')`);
  return raw;
}

function categoryOf(raw: string, where: string): TextCategory {
  if (!isTextCategory(raw)) throw new LexiconFormatError(`${where}: unknown category "${raw}"`);
  return raw;
}

/** Parses one rule file; `source` prefixes rule ids (e.g. `qinglang`, `houbb`). */
export function parseRules(content: string, source: string, fileName = source): LexiconRules {
  const rules: LexiconRules = { terms: [], regexes: [], combos: [] };
  content.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.startsWith('#')) return;
    const where = `${fileName}:${index + 1}`;
    const [kind, group, weight, pattern, extra] = line.split('\t');
    if (!pattern) throw new LexiconFormatError(`${where}: expected at least 4 tab-separated fields`);
    switch (kind) {
      case 'term':
        rules.terms.push({
          kind,
          id: `${source}:${group}:${pattern}`,
          phrase: pattern,
          group: groupOf(group, where),
          weight: weightOf(weight, where),
          damps: [],
        });
        break;
      case 'safe':
        rules.terms.push({ kind, id: `${source}:safe:${pattern}`, phrase: pattern, group: '', weight: 0, damps: [] });
        break;
      case 'damp':
        rules.terms.push({
          kind,
          id: `${source}:damp:${pattern}`,
          phrase: pattern,
          group: '',
          weight: weightOf(weight, where),
          damps: group.split(',').map((c) => categoryOf(c, where)),
        });
        break;
      case 'regex': {
        let compiled: RegExp;
        try {
          compiled = new RegExp(pattern, 'g');
        } catch (error) {
          throw new LexiconFormatError(`${where}: bad regex: ${(error as Error).message}`);
        }
        rules.regexes.push({
          id: `${source}:${group}:/${pattern}/`,
          group: groupOf(group, where),
          weight: weightOf(weight, where),
          pattern: compiled,
        });
        break;
      }
      case 'combo': {
        const window = extra === undefined ? DEFAULT_COMBO_WINDOW : Number(extra);
        if (!Number.isInteger(window) || window < 1)
          throw new LexiconFormatError(`${where}: window must be a positive integer`);
        const parts = pattern.split('+').map((part) => groupOf(part, where));
        rules.combos.push({
          id: `${source}:${group}:${pattern}`,
          category: categoryOf(group, where),
          weight: weightOf(weight, where),
          parts,
          window,
        });
        break;
      }
      default:
        throw new LexiconFormatError(`${where}: unknown kind "${kind}"`);
    }
  });
  return rules;
}

/** Parses a variant file into [variant, canonical] pairs. */
export function parseVariants(content: string, fileName: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.startsWith('#')) return;
    const [variant, canonical] = line.split('\t');
    if (!variant || canonical === undefined)
      throw new LexiconFormatError(`${fileName}:${index + 1}: expected <variant>\\t<canonical>`);
    pairs.push([variant, canonical]);
  });
  return pairs;
}
