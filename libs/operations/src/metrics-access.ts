import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a scrape may read the metrics: always when no token is configured (a private network), else only with
 * `Authorization: Bearer <token>`, compared in constant time.
 */
export function metricsAllowed(authorization: string | undefined, token: string | null): boolean {
  if (!token) return true;
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}
