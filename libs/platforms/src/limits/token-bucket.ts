/** A token bucket's state: tokens left and when they were counted. */
export interface Bucket {
  tokens: number;
  atMs: number;
}

export interface BucketRule {
  /** Tokens added per second: the sustained rate. */
  perSecond: number;
  /** The bucket's size: how many calls may come at once after a quiet spell. */
  burst: number;
}

export type Take = { allowed: true; bucket: Bucket } | { allowed: false; bucket: Bucket; retryAfterMs: number };

/**
 * Takes one token at `nowMs`. A full bucket allows `burst` calls at once, then `perSecond`; a refused call takes
 * nothing and learns when the next token comes. A clock that went back counts as no time passed.
 */
export function takeToken(previous: Bucket | undefined, rule: BucketRule, nowMs: number): Take {
  const elapsed = previous ? Math.max(0, nowMs - previous.atMs) : 0;
  const tokens = previous ? Math.min(rule.burst, previous.tokens + (elapsed / 1000) * rule.perSecond) : rule.burst;
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, atMs: nowMs } };
  const retryAfterMs = Math.ceil(((1 - tokens) / rule.perSecond) * 1000);
  return { allowed: false, bucket: { tokens, atMs: nowMs }, retryAfterMs };
}
