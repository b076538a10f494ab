/**
 * One line of the audit witness: a signed checkpoint copied out of the database once it committed. The same
 * object is POSTed to the compliance webhook.
 */
export interface WitnessLine {
  seq: number;
  hash: string;
  /** Ed25519 over `checkpointMessage(seq, hash)`, base64. */
  signature: string;
  keyId: string;
  /** When the checkpoint was made, ISO 8601. */
  at: string;
}

export function witnessLineOf(checkpoint: {
  seq: number;
  hash: string;
  signature: string;
  keyId: string;
  createdAt: Date;
}): WitnessLine {
  const { seq, hash, signature, keyId } = checkpoint;
  return { seq, hash, signature, keyId, at: checkpoint.createdAt.toISOString() };
}

/** The line as written: JSON in a fixed key order, one line. */
export function formatWitnessLine(line: WitnessLine): string {
  const { seq, hash, signature, keyId, at } = line;
  return JSON.stringify({ seq, hash, signature, keyId, at });
}

/** A line read back, or null when it is not one (a torn write, a stray edit): its fields are checked, not trusted. */
export function parseWitnessLine(text: string): WitnessLine | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { seq, hash, signature, keyId, at } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return null;
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return null;
  if (typeof signature !== 'string' || !/^[A-Za-z0-9+/=]{1,200}$/.test(signature)) return null;
  if (typeof keyId !== 'string' || keyId.length > 64 || typeof at !== 'string' || at.length > 64) return null;
  return { seq, hash, signature, keyId, at };
}
