import type { VerificationResult } from '@qinglang/audit';

/** The human-readable report: the verdict, what it was checked against, and where the key and the witness sit. */
export function describeVerification(result: VerificationResult): string {
  const { witness, key } = result;
  const newest = witness.newest ? `newest witnessed entry ${witness.newest.seq} at ${witness.newest.at}` : 'empty';
  const lines = [
    `${result.ok ? 'OK' : 'TAMPERED'}: ${result.message} (${result.checkpoints.checked} signed checkpoints, ${witness.checked} witness lines checked, ${result.seconds} s)`,
    `witness: ${witness.path} (${newest}${witness.ignored ? `; ${witness.ignored} lines unreadable or out of order` : ''})`,
  ];
  if (witness.webhook)
    lines.push(
      `webhook: ${witness.webhook.url}, delivered up to entry ${witness.webhook.deliveredSeq}${witness.webhook.failures ? `, failing (${witness.webhook.failures} in a row: ${witness.webhook.lastError})` : ''}`,
    );
  if (key.insideDataDir || witness.insideDataDir)
    lines.push(
      `warning: ${key.insideDataDir && witness.insideDataDir ? 'the signing key and the witness are' : key.insideDataDir ? 'the signing key is' : 'the witness is'} inside DATA_DIR: whoever can write DATA_DIR can rewrite or cut the log and the witness will not disagree`,
    );
  if (result.appends.refused) lines.push(`appends refused: ${result.appends.problem?.message}`);
  return `${lines.join('\n')}\n`;
}
