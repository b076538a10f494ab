import { Command } from 'commander';
import type { TextEvaluation } from '@qinglang/text-classifier';
import { CliError } from './cli-error';
import { readFileLines } from './text-lines';

interface EvalReport {
  evaluation: TextEvaluation;
  skipped: number;
  seconds: number;
}

const fixed = (value: number) => value.toFixed(3);

/** Classifies every `{"text","labels"}` line of a file against its labels. */
async function evaluateFile(path: string): Promise<EvalReport> {
  // Loaded when the command runs, not when the CLI starts.
  const { TextEvaluation, createTextClassifier } = await import('@qinglang/text-classifier');
  const classifier = createTextClassifier();
  const evaluation = new TextEvaluation();
  let skipped = 0;
  let seconds = 0;
  try {
    for await (const line of readFileLines(path)) {
      if (!line.trim()) continue;
      let row: { text?: unknown; labels?: unknown };
      try {
        row = JSON.parse(line) as typeof row;
      } catch {
        skipped++;
        continue;
      }
      if (typeof row?.text !== 'string' || !Array.isArray(row.labels)) {
        skipped++;
        continue;
      }
      const started = process.hrtime.bigint();
      const { flagged } = classifier.classify(row.text);
      seconds += Number(process.hrtime.bigint() - started) / 1e9;
      evaluation.add(row.labels as string[], flagged);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`no such file: ${path}`);
    throw error;
  }
  return { evaluation, skipped, seconds };
}

async function printReport({ evaluation, skipped, seconds }: EvalReport): Promise<void> {
  const { TEXT_CATEGORIES } = await import('@qinglang/text-classifier');
  const lines = [
    `lines ${evaluation.lines} (unlabelled ${evaluation.unlabelledLines}${skipped ? `, skipped as malformed ${skipped}` : ''})`,
  ];
  lines.push('category   precision  recall  f1     fpr_unlabelled  support');
  for (const category of TEXT_CATEGORIES) {
    const m = evaluation.metrics(category);
    lines.push(
      `${category.padEnd(10)} ${fixed(m.precision).padEnd(10)} ${fixed(m.recall).padEnd(7)} ${fixed(m.f1).padEnd(6)} ${fixed(m.falsePositiveRate).padEnd(15)} ${m.support}`,
    );
  }
  lines.push(
    `any-category fpr on unlabelled lines: ${fixed(evaluation.anyFalsePositiveRate())} (${evaluation.unlabelledFlagged}/${evaluation.unlabelledLines})`,
  );
  const perSecond = seconds ? Math.round(evaluation.lines / seconds) : 0;
  lines.push(`throughput: ${perSecond} texts/s on one core (${seconds.toFixed(3)} s classifying)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerEvalTextCommand(program: Command): void {
  program
    .command('eval-text <file>')
    .description(
      'Evaluate the text classifier on JSON lines {"text","labels":[...]}: precision, recall, F1, false-positive rate, throughput',
    )
    .action(async (file: string) => printReport(await evaluateFile(file)));
}
