import { parse } from 'yaml';

/** What one platform key may do: its request rate and how much unfinished work it may have queued. */
export interface Limits {
  requestsPerSecond: number;
  burst: number;
  /** Accepted items (segments, posts, chat, transcript and tip batches) not yet finished. */
  queuedItems: number;
  /** Seconds of media in those items; an upload whose length is not known yet counts as `assumedSegmentSeconds`. */
  queuedMediaSeconds: number;
}

export interface TenantLimits {
  default: Limits;
  /** By platform name: only the fields given replace the default's. */
  platforms: Record<string, Partial<Limits>>;
  assumedSegmentSeconds: number;
}

export class TenantLimitsError extends Error {}

/** The defaults when the file says nothing: generous for one platform, tight enough that a flood is refused. */
export const DEFAULT_LIMITS: Limits = {
  requestsPerSecond: 50,
  burst: 200,
  queuedItems: 2000,
  queuedMediaSeconds: 7200,
};

const FIELDS: Record<keyof Limits, string> = {
  requestsPerSecond: 'requests_per_second',
  burst: 'burst',
  queuedItems: 'queued_items',
  queuedMediaSeconds: 'queued_media_seconds',
};

/** Reads config/tenants.yaml; every mistake names its place, and an unknown key is refused (a typo is not a limit). */
export function parseTenantLimits(text: string): TenantLimits {
  const document = (parse(text) ?? {}) as Record<string, unknown>;
  if (typeof document !== 'object' || Array.isArray(document)) throw new TenantLimitsError('tenants: expected a map');
  unknownKeys(document, ['default', 'platforms', 'assumed_segment_seconds'], 'tenants');
  const defaults = { ...DEFAULT_LIMITS, ...limitsAt(document.default, 'default') };
  const platforms: Record<string, Partial<Limits>> = {};
  const listed = document.platforms ?? {};
  if (typeof listed !== 'object' || Array.isArray(listed)) throw new TenantLimitsError('platforms: expected a map');
  for (const [name, value] of Object.entries(listed as Record<string, unknown>))
    platforms[name] = limitsAt(value, `platforms.${name}`);
  const assumed = document.assumed_segment_seconds ?? 10;
  if (typeof assumed !== 'number' || !(assumed > 0))
    throw new TenantLimitsError('assumed_segment_seconds: expected a positive number');
  return { default: defaults, platforms, assumedSegmentSeconds: assumed };
}

/** The limits of one platform: its own fields over the default. */
export function limitsOf(limits: TenantLimits, platformName: string): Limits {
  return { ...limits.default, ...limits.platforms[platformName] };
}

function limitsAt(value: unknown, where: string): Partial<Limits> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new TenantLimitsError(`${where}: expected a map`);
  const map = value as Record<string, unknown>;
  unknownKeys(map, Object.values(FIELDS), where);
  const result: Partial<Limits> = {};
  for (const [field, key] of Object.entries(FIELDS) as Array<[keyof Limits, string]>) {
    if (!(key in map)) continue;
    const number = map[key];
    if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0)
      throw new TenantLimitsError(`${where}.${key}: expected a positive number, got ${JSON.stringify(number)}`);
    result[field] = number;
  }
  return result;
}

function unknownKeys(map: Record<string, unknown>, known: string[], where: string): void {
  const unknown = Object.keys(map).filter((key) => !known.includes(key));
  if (unknown.length)
    throw new TenantLimitsError(`${where}: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
}
