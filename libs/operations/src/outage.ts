/**
 * Whether an error means a dependency is away (the database restarting, Redis down, a pool that cannot connect)
 * rather than a bug: the client should retry, so it gets 503 `unavailable` with Retry-After, never 500.
 */
export function isOutage(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const { code, name, message } = current as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (OUTAGE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof name === 'string' && OUTAGE_NAMES.has(name)) return true;
    if (typeof message === 'string' && OUTAGE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    // TypeORM wraps the driver's error; ioredis and AggregateError carry the cause.
    current =
      (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTCONN',
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections (08xxx: connection exceptions).
  '57P01',
  '57P02',
  '57P03',
  '53300',
  // SQLite: another writer holds the file past the busy timeout.
  'SQLITE_BUSY',
]);

/** Our own timeout around a dependency call, ioredis giving up on a command, the media store's bucket failing. */
const OUTAGE_NAMES = new Set(['TimeoutError', 'MaxRetriesPerRequestError', 'MediaStoreUnavailableError']);

const OUTAGE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /^Connection is closed\.?$/,
  /the database system is (starting up|shutting down|in recovery mode)/,
  // pg's own limit on a query whose connection stopped answering (query_timeout).
  /^Query read timeout/,
];
