import { ContactEntity, extractEntities } from './contact-entities';
import type { TextClassification, TextClassifier } from './text-classifier';
import { CategoryScores, TEXT_CATEGORIES } from './text-scorer';

/** What a screened text gives: its classification where it is evidence, and the contacts and links it carries. */
export interface ScreenedText {
  /** The text's place in the list screened. */
  index: number;
  /** Set where some category reached its evidence threshold. */
  classification?: TextClassification;
  /** Contacts and links (what the entity bank and floods compare); empty when there are none. */
  entities: ContactEntity[];
}

/**
 * Classifies texts and keeps what the pipeline needs of them: texts that are evidence for some category (a score at
 * or above its threshold), with their scores and spans, and texts that carry a contact or link. Most chat is
 * neither and is left out. The same on a worker thread as on the calling one.
 */
export function screenTexts(
  classifier: Pick<TextClassifier, 'classify'>,
  texts: readonly string[],
  evidenceThresholds: CategoryScores,
): ScreenedText[] {
  const screened: ScreenedText[] = [];
  for (let index = 0; index < texts.length; index++) {
    const classification = classifier.classify(texts[index]);
    const isEvidence = TEXT_CATEGORIES.some((c) => classification.scores[c] >= evidenceThresholds[c]);
    const entities = extractEntities(texts[index]);
    if (isEvidence) screened.push({ index, classification, entities });
    else if (entities.length) screened.push({ index, entities });
  }
  return screened;
}
