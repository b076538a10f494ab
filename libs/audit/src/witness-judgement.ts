import { relative, isAbsolute } from 'node:path';
import { ChainProblem } from './audit-chain';
import { WitnessLine } from './witness-line';

/** What the log holds where a witness line points: its length, and its hash at the line's seq (if it reaches it). */
export interface ChainAt {
  headSeq: number;
  hash: string | undefined;
}

/**
 * Holds one witness line against the log. A line past the log's end means entries were cut off; a line whose
 * hash the log no longer has means an entry at or before it was rewritten and every later hash recomputed. Either
 * counts only if the line is signed by the audit key: otherwise the witness line itself is what is wrong. A line
 * that agrees with the log asserts nothing new, so its signature is checked only when `checkSignature` asks (the
 * newest line is always checked by the verifier).
 */
export function judgeWitnessLine(
  line: WitnessLine,
  chain: ChainAt,
  signatureValid: () => boolean,
  checkSignature = false,
): ChainProblem | null {
  const cut = line.seq > chain.headSeq;
  const rewritten = !cut && chain.hash !== line.hash;
  if ((cut || rewritten || checkSignature) && !signatureValid())
    return {
      seq: line.seq,
      problem: 'witness_signature_invalid',
      message: `the witness line for entry ${line.seq} (${line.at}, key ${line.keyId}) does not verify with the audit key: the audit key did not sign it`,
    };
  if (cut)
    return {
      seq: chain.headSeq + 1,
      problem: 'missing',
      message: `entries from ${chain.headSeq + 1} are missing: the witness holds a signed checkpoint of entry ${line.seq} (${line.at})`,
    };
  if (rewritten)
    return {
      seq: line.seq,
      problem: 'witness_mismatch',
      message: `entry ${line.seq} no longer matches the witness (checkpoint of ${line.at}): it or an entry before it was rewritten and the later hashes recomputed`,
    };
  return null;
}

/**
 * Whether a time checkpoint is due: entries were added since the last checkpoint and the oldest of them would have
 * waited `everyMs` by the next pass (`tickMs` from now), so none waits longer than that for its checkpoint.
 */
export function checkpointDue(input: {
  headSeq: number;
  lastCheckpointSeq: number;
  /** When the first entry after the last checkpoint was recorded. */
  oldestUncoveredAt: Date | null;
  now: Date;
  everyMs: number;
  tickMs: number;
}): boolean {
  const { headSeq, lastCheckpointSeq, oldestUncoveredAt, now, everyMs, tickMs } = input;
  if (headSeq <= lastCheckpointSeq || !oldestUncoveredAt) return false;
  return now.getTime() - oldestUncoveredAt.getTime() + tickMs >= everyMs;
}

/** Whether `path` lies inside `folder` (or is it): a key or witness there is as reachable as the folder is. */
export function insideFolder(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
}

/** The next attempt after `failures` failed POSTs in a row: doubling from `baseMs`, at most `maxMs`. */
export function retryDelayMs(failures: number, baseMs = 5000, maxMs = 3600_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}
