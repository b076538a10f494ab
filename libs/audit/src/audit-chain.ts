import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same content always gives the same text and hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The columns an entry's hash covers, as stored. */
export interface ChainedContent {
  seq: number;
  recordedAtMs: number;
  action: string;
  actorKind: string;
  actorId: string;
  platformId: string | null;
  subjectKind: string;
  subjectId: string;
  /** The canonical JSON text of the entry's data. */
  data: string;
}

export function entryHash(prevHash: string, content: ChainedContent): string {
  const { seq, recordedAtMs, action, actorKind, actorId, platformId, subjectKind, subjectId, data } = content;
  return createHash('sha256')
    .update(
      canonicalJson([
        prevHash,
        seq,
        recordedAtMs,
        action,
        actorKind,
        actorId,
        platformId,
        subjectKind,
        subjectId,
        data,
      ]),
    )
    .digest('hex');
}

export const checkpointMessage = (seq: number, hash: string) => `qinglang-audit-checkpoint:${seq}:${hash}`;

export interface StoredEntry extends ChainedContent {
  prevHash: string;
  hash: string;
}

export interface ChainProblem {
  seq: number;
  /**
   * `missing`: a gap, or the end cut off below a checkpoint; `content_altered`: an entry no longer matches its hash
   * or a signed checkpoint; `link_broken`: an entry does not link to the one before; `witness_mismatch`: the log's
   * hash at a witnessed checkpoint is not the witness's (rewritten, every later hash recomputed);
   * `witness_signature_invalid`: a witness line that decides something is not signed by the audit key.
   */
  problem: 'missing' | 'content_altered' | 'link_broken' | 'witness_mismatch' | 'witness_signature_invalid';
  message: string;
}

/** A point of the chain: entry `seq` has hash `hash` (seq 0 is the genesis). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

/**
 * Checks entries in sequence order, page after page, holding only the last hash: names the first entry that
 * is missing (a gap), whose content no longer matches its hash, or that does not link to the one before.
 * From the genesis, or from a point already trusted (a witnessed checkpoint): then the entries after it.
 */
export class ChainVerifier {
  private expectedSeq: number;
  private previousHash: string;
  private checked = 0;
  problem: ChainProblem | null = null;

  constructor(from: ChainPoint = { seq: 0, hash: GENESIS_HASH }) {
    this.expectedSeq = from.seq + 1;
    this.previousHash = from.hash;
  }

  /** Feeds the next entries; returns false once a problem is found. */
  feed(entries: StoredEntry[]): boolean {
    for (const entry of entries) {
      if (this.problem) return false;
      if (entry.seq !== this.expectedSeq) {
        this.problem = {
          seq: this.expectedSeq,
          problem: 'missing',
          message: `entry ${this.expectedSeq} is missing (the next entry is ${entry.seq})`,
        };
        return false;
      }
      if (entryHash(entry.prevHash, entry) !== entry.hash) {
        this.problem = {
          seq: entry.seq,
          problem: 'content_altered',
          message: `entry ${entry.seq} does not match its hash: its content was changed`,
        };
        return false;
      }
      if (entry.prevHash !== this.previousHash) {
        this.problem = {
          seq: entry.seq,
          problem: 'link_broken',
          message: `entry ${entry.seq} does not link to entry ${entry.seq - 1}: an entry before it was changed or replaced`,
        };
        return false;
      }
      this.previousHash = entry.hash;
      this.expectedSeq++;
      this.checked++;
    }
    return true;
  }

  /** Entries checked and found sound. */
  get count(): number {
    return this.checked;
  }

  /** The seq of the last sound entry (the start point's when none was fed). */
  get headSeq(): number {
    return this.expectedSeq - 1;
  }

  get headHash(): string {
    return this.previousHash;
  }
}
