import type { VerificationResult } from '@qinglang/audit';

/** Where the key and the witness are on this machine: the CLI's own settings (the HTTP result names no paths). */
export interface AuditPaths {
  witness: string;
  /** null: the key comes from AUDIT_KEY. */
  key: string | null;
}

/** The human-readable report: the verdict, what it was checked against, and where the key and the witness sit. */
export function describeVerification(result: VerificationResult, paths: AuditPaths): string {
  const { witness, key } = result;
  const newest = witness.newest ? `newest witnessed entry ${witness.newest.seq} at ${witness.newest.at}` : 'empty';
  const lines = [
    `${result.ok ? 'OK' : 'TAMPERED'}: ${result.message} (${result.checkpoints.checked} signed checkpoints, ${witness.checked} witness lines checked, ${result.seconds} s)`,
    `witness: ${paths.witness} (${newest}${witness.ignored ? `; ${witness.ignored} lines unreadable or out of order` : ''})`,
  ];
  if (witness.webhook)
    lines.push(
      `webhook: ${witness.webhook.url}, delivered up to entry ${witness.webhook.deliveredSeq}${witness.webhook.failures ? `, failing (${witness.webhook.failures} in a row: ${witness.webhook.lastError})` : ''}`,
    );
  lines.push(`key: ${paths.key ?? 'AUDIT_KEY (the environment)'} (key id ${key.keyId})`);
  if (!result.witnessing.ok) lines.push(`not witnessing: ${result.witnessing.problem?.message}`);
  if (key.insideDataDir || witness.insideDataDir)
    lines.push(
      `warning: ${key.insideDataDir && witness.insideDataDir ? 'the signing key and the witness are' : key.insideDataDir ? 'the signing key is' : 'the witness is'} inside DATA_DIR: whoever can write DATA_DIR can rewrite or cut the log and the witness will not disagree`,
    );
  if (result.appends.refused) lines.push(`appends refused: ${result.appends.problem?.message}`);
  return `${lines.join('\n')}\n`;
}
