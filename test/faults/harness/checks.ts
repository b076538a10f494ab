import { Client } from 'pg';
import type { WebhookReceiver } from '../../helpers/webhook-receiver';

/** One query on a connection of its own with short time limits: the database may be down, or just back. */
export async function sql<T = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000, query_timeout: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Each kind of duplicate the faults must never make, counted in the database and at the receivers. */
export interface Duplicates {
  frames: number;
  signals: number;
  flags: number;
  evidence: number;
  sanctions: number;
  audit: number;
  auditGaps: number;
  deliveries: number;
}

export const total = (d: Duplicates) => Object.values(d).reduce((sum, n) => sum + n, 0);

/** Audit actions recorded once per subject: a second entry is the same decision written twice. */
const ONCE_PER_SUBJECT = [
  'flag.opened',
  'flag.confirmed',
  'flag.rejected',
  'flag.merged',
  'sanction.issued',
  'sanction.expired',
  'sanction.revoked',
  'sanction.lifted',
  'platform.created',
  'staff.created',
];

/**
 * Duplicates over the whole database (every fault so far) and the receivers:
 * - frames: a stream's picture at one stream time sampled twice (a segment sampled, or accepted, twice);
 * - signals: the same source scored twice by one model (same source and evidence);
 * - flags: two open flags with one open key, or two flags of one subject, category and party open at once;
 * - evidence: one signal attached twice to one flag;
 * - sanctions: two sanctions for one violation key, or two of one kind from one flag and account;
 * - audit: a once-per-subject action recorded twice for one subject, or one outbox event recorded delivered twice;
 * - auditGaps: missing sequence numbers in the chain;
 * - deliveries: an event id a receiver acknowledged (a 2xx that reached the sender) more than once.
 */
export async function countDuplicates(url: string, receivers: WebhookReceiver[]): Promise<Duplicates> {
  const one = async (text: string, params: unknown[] = []) =>
    Number((await sql<{ n: string }>(url, text, params))[0]?.n ?? 0);
  const frames = await one(
    `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM frames WHERE stream_id IS NOT NULL
       GROUP BY stream_id, stream_time_ms HAVING COUNT(*) > 1) d`,
  );
  const signals = await one(
    `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM signals
       GROUP BY source_kind, source_id, model HAVING COUNT(*) > 1) d`,
  );
  const flags =
    (await one(
      `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM flags WHERE open_key IS NOT NULL
         GROUP BY open_key HAVING COUNT(*) > 1) d`,
    )) +
    (await one(
      `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM flags WHERE status = 'open'
         GROUP BY subject_kind, subject_id, category, party, account_id HAVING COUNT(*) > 1) d`,
    ));
  const evidence = await one(
    `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM flag_evidence
       GROUP BY flag_id, signal_id HAVING COUNT(*) > 1) d`,
  );
  const sanctions =
    (await one(
      `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM sanctions
         GROUP BY violation_key HAVING COUNT(*) > 1) d`,
    )) +
    (await one(
      `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM sanctions
         GROUP BY flag_id, account_id, kind HAVING COUNT(*) > 1) d`,
    ));
  const audit =
    (await one(
      `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM audit_entries WHERE action = ANY($1)
         GROUP BY action, subject_kind, subject_id HAVING COUNT(*) > 1) d`,
      [ONCE_PER_SUBJECT],
    )) +
    (await one(
      `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM audit_entries
         WHERE action = 'sanction.delivered' GROUP BY data::jsonb->>'eventId' HAVING COUNT(*) > 1) d`,
    ));
  const auditGaps = await one(
    `SELECT COALESCE(MAX(seq) - MIN(seq) + 1 - COUNT(*), 0) + COALESCE(MIN(seq) - 1, 0) AS n FROM audit_entries`,
  );
  let deliveries = 0;
  for (const receiver of receivers) {
    const seen = new Map<string, number>();
    for (const call of receiver.acknowledged) {
      const id = String(call.headers['qinglang-event-id']);
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    for (const n of seen.values()) deliveries += n - 1;
  }
  return { frames, signals, flags, evidence, sanctions, audit, auditGaps, deliveries };
}

export interface SanctionDelivery {
  sanctionId: string;
  eventId: string;
  status: string;
  createdAt: number;
}

/** The outbox events of every sanction on these streams (through their flags), from the database. */
export async function sanctionEvents(url: string, streamIds: string[]): Promise<SanctionDelivery[]> {
  const rows = await sql<{ sanction_id: string; event_id: string | null; status: string | null; created_at: string }>(
    url,
    `SELECT s.id AS sanction_id, e.id AS event_id, e.status, e.created_at
       FROM sanctions s JOIN flags f ON f.id = s.flag_id LEFT JOIN outbox_events e ON e.sanction_id = s.id
      WHERE f.subject_id = ANY($1)`,
    [streamIds],
  );
  return rows.map((r) => ({
    sanctionId: r.sanction_id,
    eventId: r.event_id ?? '',
    status: r.status ?? 'no event',
    createdAt: Number(r.created_at),
  }));
}

/** Event ids acknowledged at any of the receivers, with the first time each was. */
export function acknowledgedAt(receivers: WebhookReceiver[]): Map<string, number> {
  const at = new Map<string, number>();
  for (const receiver of receivers)
    for (const call of receiver.acknowledged) {
      const id = String(call.headers['qinglang-event-id']);
      if (!at.has(id)) at.set(id, call.answeredAt ?? 0);
    }
  return at;
}

/** Event ids acknowledged more than once, with when (seconds from `since`), for the notes. */
export function repeatedDeliveries(receivers: WebhookReceiver[], since: number): string {
  const times = new Map<string, number[]>();
  for (const receiver of receivers)
    for (const call of receiver.acknowledged) {
      const id = String(call.headers['qinglang-event-id']);
      times.set(id, [...(times.get(id) ?? []), call.answeredAt ?? 0]);
    }
  return [...times.entries()]
    .filter(([, at]) => at.length > 1)
    .map(([id, at]) => `event ${id.slice(0, 8)} at ${at.map((t) => `${((t - since) / 1000).toFixed(1)} s`).join(', ')}`)
    .join('; ');
}
