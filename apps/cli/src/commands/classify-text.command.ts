import { Command } from 'commander';
import type { Readable, Writable } from 'node:stream';
import type { TextClassifier } from '@qinglang/text-classifier';
import { readLines, writeLine } from './text-lines';

type Id = string | number | null;

/** One output line for one input line: the classification, or an error that keeps the id when there is one. */
export function classifyLine(classifier: TextClassifier, line: string): Record<string, unknown> {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { id: null, error: 'invalid JSON' };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { id: null, error: 'expected a JSON object {"id", "text"}' };
  const { id, text } = input as { id?: unknown; text?: unknown };
  const validId: Id = typeof id === 'string' || typeof id === 'number' ? id : null;
  if (id !== undefined && validId === null) return { id: null, error: 'id must be a string or a number' };
  if (typeof text !== 'string') return { id: validId, error: 'text must be a string' };
  return { id: validId, ...classifier.classify(text) };
}

export async function classifyStream(classifier: TextClassifier, input: Readable, output: Writable): Promise<void> {
  for await (const line of readLines(input)) {
    // A blank line is no input; skipping it keeps a trailing newline from producing an error line.
    if (!line.trim()) continue;
    await writeLine(output, JSON.stringify(classifyLine(classifier, line)));
  }
}

export function registerClassifyTextCommand(program: Command): void {
  program
    .command('classify-text')
    .description(
      'Classify JSON lines {"id","text"} from stdin; write {"id","scores","flagged","evidence"} lines to stdout, in order',
    )
    .action(async () => {
      // The text classifier is a plain library (neither TensorFlow nor Nest), loaded only when this command runs.
      const { createTextClassifier } = await import('@qinglang/text-classifier');
      // The same policy (flag thresholds) as the service reads: POLICY_PATH, else config/policy.yaml.
      const policyPath = process.env.POLICY_PATH || undefined;
      await classifyStream(createTextClassifier({ policyPath }), process.stdin, process.stdout);
    });
}
