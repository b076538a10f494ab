import { createHash } from 'node:crypto';

/** At most this many item ids are written in one run's audit entry; the digest and count stand for the rest. */
export const AUDITED_IDS_CAP = 1000;

export interface AuditedItems {
  /** How many items the run deleted. */
  count: number;
  /** SHA-256 (hex) over every `<kind>:<id>` sorted, one a line: checks a full list kept elsewhere (the rows). */
  sha256: string;
  /** The first `cap` of those ids, in that order, by kind; `listed` says how many that is. */
  listed: number;
  segment: string[];
  post: string[];
}

/**
 * The item ids of a run for its audit entry, capped so a big batch writes a small entry: the first ids, the count,
 * and a digest over them all (the ids are also in the rows: media_purged_at says which were deleted and when).
 */
export function auditedItems(
  items: Array<{ kind: 'segment' | 'post'; id: string }>,
  cap = AUDITED_IDS_CAP,
): AuditedItems {
  const lines = items.map((i) => `${i.kind}:${i.id}`).sort();
  const shown = lines.slice(0, cap);
  const idsOf = (kind: string) => shown.filter((l) => l.startsWith(`${kind}:`)).map((l) => l.slice(kind.length + 1));
  return {
    count: lines.length,
    sha256: createHash('sha256').update(lines.join('\n')).digest('hex'),
    listed: shown.length,
    segment: idsOf('segment'),
    post: idsOf('post'),
  };
}

/**
 * A stable, path-free code for why an item's media could not be deleted: the system's (EACCES, EPERM, …), the
 * bucket's (AccessDenied) when the error carries one, else the error's name. Never its message, which may name a
 * path or an address.
 */
export function deletionFailureCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Za-z][\w.-]{0,63}$/.test(code)) return code;
  const bucket = (error as { cause?: Array<{ Code?: unknown }> } | null)?.cause;
  if (Array.isArray(bucket) && typeof bucket[0]?.Code === 'string' && /^\w{1,64}$/.test(bucket[0].Code))
    return bucket[0].Code;
  return error instanceof Error && /^\w{1,64}$/.test(error.name) ? error.name : 'unknown';
}
