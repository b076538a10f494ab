import { loadLexicon } from './lexicon-loader';
import { NormalizedText, TextNormalizer } from './text-normalizer';

let shared: TextNormalizer | undefined;

/** Normalises with the variant spellings of `config/lexicons`, loaded once. */
export function normalizeText(text: string): NormalizedText {
  shared ??= new TextNormalizer(loadLexicon().variants);
  return shared.normalize(text);
}
