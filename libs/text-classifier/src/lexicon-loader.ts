import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LexiconRules, parseRules, parseVariants } from './lexicon-parser';

export interface Lexicon extends LexiconRules {
  variants: Array<[string, string]>;
}

/** `config/lexicons` of the working directory: the CLI, the service and the tests all run from the repo root. */
export const DEFAULT_LEXICON_DIR = join(process.cwd(), 'config', 'lexicons');

/**
 * Reads every `*.terms.tsv` and `*.variants.tsv` in `dir` and in `dir/derived`, in name order. A rule's id is
 * prefixed with its file's name up to the first dot (`qinglang`, `houbb`).
 */
export function loadLexicon(dir = DEFAULT_LEXICON_DIR): Lexicon {
  const lexicon: Lexicon = { terms: [], regexes: [], combos: [], variants: [] };
  for (const folder of [dir, join(dir, 'derived')]) {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && folder !== dir) continue;
      throw error;
    }
    for (const name of names) {
      const path = join(folder, name);
      const source = basename(name).split('.')[0];
      if (name.endsWith('.terms.tsv')) {
        const rules = parseRules(readFileSync(path, 'utf8'), source, path);
        lexicon.terms.push(...rules.terms);
        lexicon.regexes.push(...rules.regexes);
        lexicon.combos.push(...rules.combos);
      } else if (name.endsWith('.variants.tsv')) {
        lexicon.variants.push(...parseVariants(readFileSync(path, 'utf8'), path));
      }
    }
  }
  return lexicon;
}
