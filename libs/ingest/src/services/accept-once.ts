import { isUniqueViolation } from '@qinglang/persistence';

export interface AcceptSteps<T> {
  /** The item an earlier request with the same key (idempotency key or external id) created, if any. */
  existing: () => Promise<T | null>;
  /** Writes the new item; a request that raced with the same key fails here on the database's unique key. */
  insert: () => Promise<T>;
  /** Undoes what the request did before its insert failed (files it stored). */
  discard?: () => Promise<void>;
}

/**
 * Idempotent accept, shared by every kind of item: a retry with the same key returns the first item unchanged,
 * and of two requests racing with one key, both answer with the item the database kept.
 */
export async function acceptOnce<T>(steps: AcceptSteps<T>): Promise<{ item: T; created: boolean }> {
  const earlier = await steps.existing();
  if (earlier) return { item: earlier, created: false };
  try {
    return { item: await steps.insert(), created: true };
  } catch (error) {
    await steps.discard?.();
    const winner = isUniqueViolation(error) ? await steps.existing() : null;
    if (winner) return { item: winner, created: false };
    throw error;
  }
}
