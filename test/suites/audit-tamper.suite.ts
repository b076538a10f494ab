import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { AuditLog, entryHash } from '@qinglang/audit';
import { TestApp, TestBackends, startTestApp } from '../helpers/test-app';
import { GAMBLING_LINES, ReviewFixture } from '../helpers/review-client';

const ROOT = join(__dirname, '..', '..');
const CHECKPOINT_EVERY = 5;
const REFUSED = /audit log entries cannot be changed or deleted/;

type Row = Record<string, unknown>;

/**
 * The database as a privileged attacker holds it: straight SQL, around the application. `?` placeholders
 * become $n on PostgreSQL. Disabling the append-only triggers is what such an attacker would do first.
 */
interface RawDatabase {
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  disableTriggers(): Promise<void>;
  enableTriggers(): Promise<void>;
  close(): Promise<void>;
}

async function openRaw(t: TestApp): Promise<RawDatabase> {
  const database = t.config.database;
  if (database.type === 'postgres') {
    // The test database's owner is the superuser `postgres`: it may disable the triggers.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const query = async (sql: string, params: unknown[] = []) => {
      let n = 0;
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as Row[];
    };
    return {
      query,
      disableTriggers: async () => void (await query('ALTER TABLE audit_entries DISABLE TRIGGER USER')),
      enableTriggers: async () => void (await query('ALTER TABLE audit_entries ENABLE TRIGGER USER')),
      close: () => client.end(),
    };
  }
  const db = new Database(database.path);
  db.pragma('busy_timeout = 5000');
  const operations = ['UPDATE', 'DELETE'];
  return {
    query: async (sql, params = []) => {
      const statement = db.prepare(sql);
      return statement.reader ? (statement.all(...params) as Row[]) : (statement.run(...params), []);
    },
    disableTriggers: async () =>
      operations.forEach((op) => db.exec(`DROP TRIGGER IF EXISTS audit_entries_no_${op.toLowerCase()}`)),
    // The same triggers the migration creates.
    enableTriggers: async () =>
      operations.forEach((op) =>
        db.exec(
          `CREATE TRIGGER IF NOT EXISTS audit_entries_no_${op.toLowerCase()} BEFORE ${op} ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit log entries cannot be changed or deleted'); END`,
        ),
      ),
    close: async () => void db.close(),
  };
}

/**
 * The audit log against tampering, on a log written by real activity through the API: it verifies; the
 * database refuses changes while its triggers stand; with them gone, one changed field is named by its entry,
 * a deleted entry by the gap, and a forger who recomputes every hash after his change by the signed checkpoint.
 */
export function describeAuditTamper(
  label: string,
  makeBackends: () => Promise<TestBackends>,
  options: { cli?: boolean } = {},
) {
  describe(`audit log tampering (${label})`, () => {
    let backends: TestBackends;
    let t: TestApp;
    let raw: RawDatabase;
    let officer: string;
    let entries: number;

    const verifyOverHttp = async () => {
      const response = await t.http().get('/v1/audit/verify').set('Authorization', `Bearer ${officer}`);
      expect(response.status).toBe(200);
      return response.body as {
        ok: boolean;
        entries: number;
        firstProblem: { seq: number; problem: string; message: string } | null;
        checkpoints: { checked: number };
      };
    };
    const seqOf = async (action: string) =>
      Number((await raw.query('SELECT seq FROM audit_entries WHERE action = ? ORDER BY seq LIMIT 1', [action]))[0].seq);

    beforeAll(async () => {
      backends = await makeBackends();
      t = await startTestApp(backends, { AUDIT_CHECKPOINT_EVERY: String(CHECKPOINT_EVERY) });
      const f = new ReviewFixture(t, (await t.createPlatform()).apiKey);
      officer = (await t.createStaff('compliance')).token;
      const reviewer = (await t.createStaff('reviewer')).token;
      // One flag confirmed into a sanction, one rejected: flag.opened, flag.claimed, sanction.issued, flag.confirmed, flag.rejected ...
      const streamId = await f.stream('audit-room', 'audit-host');
      await f.chat(streamId, [GAMBLING_LINES[0]]);
      const [first] = await f.openFlags(streamId, 'gambling');
      await f.claimAndConfirm(reviewer, first.id, 'gambling_promotion');
      await f.chat(streamId, [GAMBLING_LINES[1]]);
      const [second] = await f.openFlags(streamId, 'gambling');
      expect((await f.claimNext(reviewer)).body.flag.id).toBe(second.id);
      expect((await f.decide(reviewer, second.id, { verdict: 'reject', reasonCode: 'false_positive' })).status).toBe(
        200,
      );
      raw = await openRaw(t);
      entries = Number((await raw.query('SELECT COUNT(*) AS n FROM audit_entries'))[0].n);
    });
    afterAll(async () => {
      await raw?.close();
      await t?.close();
      await backends?.cleanup();
    });

    it('verifies the log that real activity wrote, over HTTP and through the verifier the CLI runs', async () => {
      const actions = (await raw.query('SELECT action FROM audit_entries ORDER BY seq')).map((r) => r.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'policy.loaded',
          'platform.created',
          'staff.created',
          'flag.opened',
          'flag.claimed',
          'sanction.issued',
          'flag.confirmed',
          'flag.rejected',
        ]),
      );
      expect(entries).toBeGreaterThanOrEqual(2 * CHECKPOINT_EVERY);
      const overHttp = await verifyOverHttp();
      expect(overHttp).toMatchObject({ ok: true, entries, firstProblem: null });
      expect(overHttp.checkpoints.checked).toBe(Math.floor(entries / CHECKPOINT_EVERY));
      expect(await t.app.get(AuditLog).verify()).toMatchObject({ ok: true, entries });
    });

    it('refuses UPDATE and DELETE on audit entries while the triggers stand', async () => {
      const error = await raw
        .query("UPDATE audit_entries SET actor_id = 'someone-else' WHERE seq = 1")
        .catch((e: Error & { code?: string }) => e);
      // Matched by message: the driver's error class may come from another realm than this test's Error.
      expect(error).toHaveProperty('message');
      expect((error as Error).message).toMatch(REFUSED);
      const deletion = await raw.query('DELETE FROM audit_entries WHERE seq = 1').catch((e: Error) => e);
      expect((deletion as Error).message).toMatch(REFUSED);
      if (t.config.database.type === 'postgres') {
        expect((error as { code?: string }).code).toBe('42501'); // insufficient_privilege
        expect(((await raw.query('TRUNCATE audit_entries').catch((e: Error) => e)) as Error).message).toMatch(REFUSED);
      }
      expect(Number((await raw.query('SELECT COUNT(*) AS n FROM audit_entries'))[0].n)).toBe(entries);
      expect((await verifyOverHttp()).ok).toBe(true);
    });

    it('names exactly the entry whose field was changed, and verifies again once it is put back', async () => {
      const seq = await seqOf('sanction.issued');
      const [{ actor_id: original }] = await raw.query('SELECT actor_id FROM audit_entries WHERE seq = ?', [seq]);
      await raw.disableTriggers();
      try {
        await raw.query("UPDATE audit_entries SET actor_id = 'someone-else' WHERE seq = ?", [seq]);
        const result = await verifyOverHttp();
        expect(result).toMatchObject({ ok: false, firstProblem: { seq, problem: 'content_altered' } });
        expect(result.firstProblem!.message).toContain(`entry ${seq} `);
        expect((await t.app.get(AuditLog).verify()).firstProblem).toMatchObject({ seq, problem: 'content_altered' });
        if (options.cli) {
          // `npm run cli -- audit verify`: exit code 3 and the same entry named.
          const failed = await promisify(execFile)(
            'node',
            [
              '-r',
              'ts-node/register/transpile-only',
              '-r',
              'tsconfig-paths/register',
              'apps/cli/src/main.ts',
              'audit',
              'verify',
              '--json',
            ],
            {
              cwd: ROOT,
              env: { ...process.env, ...backends.env },
            },
          ).catch((e: Error & { code?: number; stdout?: string }) => e);
          expect(failed).toMatchObject({ code: 3 });
          expect(JSON.parse((failed as { stdout: string }).stdout)).toMatchObject({
            ok: false,
            firstProblem: { seq, problem: 'content_altered' },
          });
        }
        await raw.query('UPDATE audit_entries SET actor_id = ? WHERE seq = ?', [original, seq]);
        expect(await verifyOverHttp()).toMatchObject({ ok: true, entries });
      } finally {
        await raw.enableTriggers();
      }
    });

    it('names a deleted entry as the gap it leaves', async () => {
      const seq = await seqOf('flag.opened');
      expect(seq).toBeLessThan(entries); // inside the chain, not its end
      const [row] = await raw.query('SELECT * FROM audit_entries WHERE seq = ?', [seq]);
      await raw.disableTriggers();
      try {
        await raw.query('DELETE FROM audit_entries WHERE seq = ?', [seq]);
        expect(await verifyOverHttp()).toMatchObject({
          ok: false,
          entries: seq - 1,
          firstProblem: { seq, problem: 'missing' },
        });
        const columns = Object.keys(row);
        await raw.query(
          `INSERT INTO audit_entries (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          columns.map((c) => row[c]),
        );
        expect(await verifyOverHttp()).toMatchObject({ ok: true, entries });
      } finally {
        await raw.enableTriggers();
      }
    });

    it('catches a forger who rewrites an entry and every hash after it, by the signed checkpoint', async () => {
      const seq = await seqOf('sanction.issued');
      const checkpoint = Number(
        (await raw.query('SELECT MIN(seq) AS seq FROM audit_checkpoints WHERE seq >= ?', [seq]))[0].seq,
      );
      expect(checkpoint).toBeGreaterThanOrEqual(seq);
      const rows = (await raw.query('SELECT * FROM audit_entries WHERE seq >= ? ORDER BY seq', [seq])) as Array<
        Record<string, string | number | null>
      >;
      await raw.disableTriggers();
      try {
        let prevHash = String((await raw.query('SELECT hash FROM audit_entries WHERE seq = ?', [seq - 1]))[0].hash);
        for (const row of rows) {
          const data = Number(row.seq) === seq ? JSON.stringify({ forged: true }) : String(row.data);
          const hash = entryHash(prevHash, {
            seq: Number(row.seq),
            recordedAtMs: Number(row.recorded_at),
            action: String(row.action),
            actorKind: String(row.actor_kind),
            actorId: String(row.actor_id),
            platformId: row.platform_id === null ? null : String(row.platform_id),
            subjectKind: String(row.subject_kind),
            subjectId: String(row.subject_id),
            data,
          });
          await raw.query('UPDATE audit_entries SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?', [
            data,
            prevHash,
            hash,
            row.seq,
          ]);
          prevHash = hash;
        }
        const result = await verifyOverHttp();
        expect(result).toMatchObject({ ok: false, firstProblem: { seq: checkpoint, problem: 'content_altered' } });
        expect(result.firstProblem!.message).toContain('signed checkpoint');
      } finally {
        await raw.enableTriggers();
      }
    });

    it('names entries cut off the end of the log past a signed checkpoint', async () => {
      const [{ seq: lastCheckpoint }] = await raw.query('SELECT MAX(seq) AS seq FROM audit_checkpoints');
      const cutFrom = Number(lastCheckpoint) - 2;
      await raw.disableTriggers();
      try {
        await raw.query('DELETE FROM audit_entries WHERE seq >= ?', [cutFrom]);
        // What is left is a valid chain on its own: only the checkpoint shows that entries are gone.
        const result = await verifyOverHttp();
        expect(result).toMatchObject({
          ok: false,
          entries: cutFrom - 1,
          firstProblem: { seq: cutFrom, problem: 'missing' },
        });
      } finally {
        await raw.enableTriggers();
      }
    });
  });
}
