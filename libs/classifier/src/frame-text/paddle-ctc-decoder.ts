/** The recogniser's classes: 0 is CTC's blank, then the dictionary's characters, then a space. */
export function paddleClasses(dictionaryText: string): string[] {
  const characters = dictionaryText.split(/\r?\n/);
  if (characters.at(-1) === '') characters.pop();
  return ['', ...characters, ' '];
}

export interface DecodedText {
  text: string;
  /** Mean probability of the characters kept, 0–1; 0 for no text. */
  confidence: number;
}

/**
 * Greedy CTC decoding of one line: the likeliest class at each time step, repeats merged, blanks dropped.
 * `probabilities` holds `steps` rows of `classes.length` softmax outputs from `offset`.
 */
export function ctcGreedyDecode(
  probabilities: Float32Array,
  offset: number,
  steps: number,
  classes: string[],
): DecodedText {
  const count = classes.length;
  let text = '';
  let sum = 0;
  let kept = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const row = offset + t * count;
    let best = 0;
    for (let c = 1; c < count; c++) if (probabilities[row + c] > probabilities[row + best]) best = c;
    if (best !== 0 && best !== previous) {
      text += classes[best];
      sum += probabilities[row + best];
      kept++;
    }
    previous = best;
  }
  return { text: text.trim(), confidence: kept ? sum / kept : 0 };
}
