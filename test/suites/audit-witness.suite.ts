import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  AuditLog,
  AuditSigner,
  AuditWitness,
  WitnessLine,
  checkpointMessage,
  entryHash,
  formatWitnessLine,
  parseWitnessLine,
  standaloneAuditLog,
} from '@qinglang/audit';
import { ManualClock } from '@qinglang/config';
import { createApplication } from '@qinglang/application';
import { PlatformsService } from '@qinglang/platforms';
import { StaffService } from '@qinglang/staff';
import { TestApp, TestBackends, startTestApp, waitFor } from '../helpers/test-app';
import { Reply, WebhookReceiver } from '../helpers/webhook-receiver';
import { contractCheckedHttp } from '../helpers/openapi-contract';

const ROOT = join(__dirname, '..', '..');
const EVERY = 5;
type Row = Record<string, string | number | null>;

/** Straight SQL around the application, as an attacker with the database holds it; `?` becomes $n on PostgreSQL. */
interface RawDatabase {
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Drops what refuses UPDATE and DELETE on both audit tables: the first thing such an attacker does. */
  disableTriggers(): Promise<void>;
  enableTriggers(): Promise<void>;
  close(): Promise<void>;
}

const TABLES = ['audit_entries', 'audit_checkpoints'];

async function openRaw(t: TestApp): Promise<RawDatabase> {
  const database = t.config.database;
  if (database.type === 'postgres') {
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
      disableTriggers: async () => {
        for (const table of TABLES) await query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      },
      enableTriggers: async () => {
        for (const table of TABLES) await query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      },
      close: () => client.end(),
    };
  }
  const db = new Database(database.path);
  db.pragma('busy_timeout = 5000');
  const each = (work: (table: string, op: string) => void) =>
    TABLES.forEach((table) => ['UPDATE', 'DELETE'].forEach((op) => work(table, op)));
  return {
    query: async (sql, params = []) => {
      const statement = db.prepare(sql);
      return statement.reader ? (statement.all(...params) as Row[]) : (statement.run(...params), []);
    },
    disableTriggers: async () => each((table, op) => db.exec(`DROP TRIGGER IF EXISTS ${table}_no_${op.toLowerCase()}`)),
    // The same triggers the migration creates.
    enableTriggers: async () =>
      each((table, op) =>
        db.exec(
          `CREATE TRIGGER IF NOT EXISTS ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, 'audit log entries cannot be changed or deleted'); END`,
        ),
      ),
    close: async () => void db.close(),
  };
}

const contentOf = (row: Row, data = String(row.data)) => ({
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

/**
 * The audit witness against an attacker who holds the database and DATA_DIR (and so the embedded signing key),
 * but not the witness file: checkpoints every N entries and every minute reach the witness only once committed;
 * a rewrite with every later hash recomputed and every checkpoint re-signed, or a cut tail with its checkpoints
 * gone, is named by `audit verify` against the witness (service, HTTP and CLI); and a process started on a log
 * cut under its witness refuses to append.
 */
export function describeAuditWitness(
  label: string,
  makeBackends: () => Promise<TestBackends>,
  options: { cli?: boolean; postgres?: boolean } = {},
) {
  describe(`audit witness (${label})`, () => {
    const clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));
    let webhookAnswers: Reply = 503;
    const receiver = new WebhookReceiver(() => webhookAnswers);
    let backends: TestBackends;
    let witnessDir: string;
    let env: Record<string, string>;
    let t: TestApp;
    let raw: RawDatabase;
    let officer: string;
    let running = false;

    /** Starts the service again on the same database and folders; one that fails to start is closed. */
    const restart = async () => {
      const app = await createApplication(t.config, clock);
      try {
        await app.init();
      } catch (error) {
        await app.close();
        throw error;
      }
      t = {
        ...t,
        app,
        http: () => contractCheckedHttp(app),
        // The helper's own bind the app it started.
        createPlatform: async (name = `platform-${randomBytes(3).toString('hex')}`) => {
          const { platform, apiKey } = await app.get(PlatformsService).create(name);
          return { id: platform.id, apiKey };
        },
        createStaff: async (role, name = `${role}-${randomBytes(3).toString('hex')}`) => {
          const { user, token } = await app.get(StaffService).create(name, role);
          return { id: user.id, token };
        },
        close: () => app.close(),
      };
      running = true;
    };

    const witnessPath = () => env.AUDIT_WITNESS_PATH;
    const witnessLines = (): WitnessLine[] =>
      readFileSync(witnessPath(), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((text) => parseWitnessLine(text)!);
    const pass = () => t.app.get(AuditWitness).pass();
    const head = async () => Number((await raw.query('SELECT MAX(seq) AS seq FROM audit_entries'))[0].seq);
    const hashAt = async (seq: number) =>
      String((await raw.query('SELECT hash FROM audit_entries WHERE seq = ?', [seq]))[0]?.hash);
    /** Appends entries one transaction each, until the log is `seq` long. */
    const recordUpTo = async (seq: number) => {
      const audit = t.app.get(AuditLog);
      while ((await head()) < seq)
        await t.app.get(DataSource).transaction((manager) =>
          audit.record(manager, {
            action: 'test.noted',
            actor: { kind: 'operator', id: 'witness-suite' },
            subject: { kind: 'test', id: randomBytes(4).toString('hex') },
            data: { n: Math.random() },
          }),
        );
    };
    const verifyOverHttp = async () => {
      const response = await t.http().get('/v1/audit/verify').set('Authorization', `Bearer ${officer}`);
      expect(response.status).toBe(200);
      return response.body as Awaited<ReturnType<AuditLog['verify']>>;
    };
    const cliVerify = async () => {
      const result = await promisify(execFile)(
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
        { cwd: ROOT, env: { ...process.env, ...backends.env, ...env } },
      ).catch((e: Error & { code?: number; stdout?: string }) => e);
      return { code: (result as { code?: number }).code ?? 0, body: JSON.parse((result as { stdout: string }).stdout) };
    };
    /** Runs `work` with the append-only triggers gone, and puts back the rows it names as it found them. */
    const tampering = async (fromSeq: number, work: () => Promise<void>) => {
      const entries = await raw.query('SELECT * FROM audit_entries WHERE seq >= ? ORDER BY seq', [fromSeq]);
      const checkpoints = await raw.query('SELECT * FROM audit_checkpoints WHERE seq >= ? ORDER BY seq', [fromSeq]);
      await raw.disableTriggers();
      try {
        await work();
      } finally {
        await raw.query('DELETE FROM audit_entries WHERE seq >= ?', [fromSeq]);
        await raw.query('DELETE FROM audit_checkpoints WHERE seq >= ?', [fromSeq]);
        for (const [table, rows] of [
          ['audit_entries', entries],
          ['audit_checkpoints', checkpoints],
        ] as const)
          for (const row of rows) {
            const columns = Object.keys(row);
            await raw.query(
              `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
              columns.map((c) => row[c]),
            );
          }
        await raw.enableTriggers();
      }
    };

    /** Inside `tampering`: rewrites entry `seq` and recomputes every later hash; re-signs the DB checkpoints if asked. */
    const rewriteFrom = async (seq: number, signer?: AuditSigner) => {
      let prevHash = await hashAt(seq - 1);
      for (const row of await raw.query('SELECT * FROM audit_entries WHERE seq >= ? ORDER BY seq', [seq])) {
        const data = Number(row.seq) === seq ? JSON.stringify({ forged: true }) : String(row.data);
        const hash = entryHash(prevHash, contentOf(row, data));
        await raw.query('UPDATE audit_entries SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?', [
          data,
          prevHash,
          hash,
          row.seq,
        ]);
        if (signer)
          await raw.query('UPDATE audit_checkpoints SET hash = ?, signature = ? WHERE seq = ?', [
            hash,
            signer.sign(checkpointMessage(Number(row.seq), hash)),
            row.seq,
          ]);
        prevHash = hash;
      }
    };
    const record = () =>
      t.app.get(DataSource).transaction((manager) =>
        t.app.get(AuditLog).record(manager, {
          action: 'test.noted',
          actor: { kind: 'operator', id: 'witness-suite' },
          subject: { kind: 'test', id: randomBytes(4).toString('hex') },
        }),
      );

    beforeAll(async () => {
      backends = await makeBackends();
      // The witness lives outside DATA_DIR; the key stays in it (the embedded default), so the attacker holds it.
      witnessDir = mkdtempSync(join(tmpdir(), 'qinglang-witness-'));
      env = {
        AUDIT_CHECKPOINT_EVERY: String(EVERY),
        AUDIT_CHECKPOINT_SECONDS: '60',
        AUDIT_WITNESS_PATH: join(witnessDir, 'compliance', 'audit-witness.jsonl'),
        AUDIT_WITNESS_URL: await receiver.start(),
      };
      t = await startTestApp(backends, env, clock);
      running = true;
      raw = await openRaw(t);
      officer = (await t.createStaff('compliance')).token;
    });
    afterAll(async () => {
      await raw?.close();
      if (running) await t.close();
      await receiver.stop();
      await backends?.cleanup();
      rmSync(witnessDir, { recursive: true, force: true });
    });

    it('witnesses a checkpoint every N entries, and one a minute for entries since, each once', async () => {
      await recordUpTo(12);
      await pass();
      const seqs = witnessLines().map((l) => l.seq);
      expect(seqs).toEqual([5, 10]);
      // 12 has waited no time yet by this clock: no checkpoint; a minute on, one of the newest entry.
      clock.advance(61_000);
      await pass();
      expect(witnessLines().map((l) => l.seq)).toEqual([5, 10, 12]);
      expect((await t.app.get(AuditLog).checkpoints()).map((c) => c.seq)).toEqual([12, 10, 5]);
      clock.advance(61_000);
      await pass();
      expect(witnessLines()).toHaveLength(3);
      // Each line holds the entry's hash, signed by the audit key; the witness and its folder are private.
      const signer = t.app.get(AuditLog).signer;
      for (const line of witnessLines()) {
        expect(line.hash).toBe(await hashAt(line.seq));
        expect(signer.signed(checkpointMessage(line.seq, line.hash), line.signature)).toBe(true);
        expect(line.keyId).toBe(signer.keyId);
      }
      expect(statSync(witnessPath()).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(witnessPath())).mode & 0o777).toBe(0o700);
      expect(statSync(t.config.audit.keyPath).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(t.config.audit.keyPath)).mode & 0o777).toBe(0o700);
    });

    it('POSTs each witnessed checkpoint to the webhook, a failure recorded and retried after its back-off', async () => {
      // The endpoint has answered 503 so far: the first checkpoint was tried, recorded as failed, not skipped.
      const failed = (await t.app.get(AuditLog).verify()).witness.webhook!;
      expect(failed).toMatchObject({ deliveredSeq: 0, lastError: 'HTTP 503' });
      expect(failed.failures).toBeGreaterThanOrEqual(1);
      expect(new Set(receiver.calls.map((c) => JSON.parse(c.body).seq))).toEqual(new Set([5]));
      // Not again before its back-off is over.
      const calls = receiver.calls.length;
      await pass();
      expect(receiver.calls).toHaveLength(calls);
      webhookAnswers = 200;
      clock.advance(3600_000);
      await pass();
      expect(receiver.acknowledged.map((c) => JSON.parse(c.body))).toEqual(witnessLines());
      expect((await t.app.get(AuditLog).verify()).witness.webhook).toMatchObject({
        deliveredSeq: 12,
        failures: 0,
        lastError: null,
      });
    });

    it('never witnesses a checkpoint whose transaction rolled back', async () => {
      const audit = t.app.get(AuditLog);
      let rolledBack = '';
      await t.app
        .get(DataSource)
        .transaction(async (manager) => {
          for (let seq = 13; seq <= 15; seq++) {
            const entry = await audit.record(manager, {
              action: 'test.rolled_back',
              actor: { kind: 'operator', id: 'witness-suite' },
              subject: { kind: 'test', id: String(seq) },
            });
            rolledBack = entry.hash;
          }
          throw new Error('the change this entry records failed');
        })
        .catch((error: Error) => expect(error.message).toMatch(/failed/));
      await pass();
      expect(witnessLines().map((l) => l.seq)).toEqual([5, 10, 12]);
      await recordUpTo(15);
      await pass();
      const fifteen = witnessLines().find((l) => l.seq === 15)!;
      expect(fifteen.hash).toBe(await hashAt(15));
      expect(fifteen.hash).not.toBe(rolledBack);
      expect(await t.app.get(AuditLog).verify()).toMatchObject({
        ok: true,
        entries: 15,
        witness: { checked: 4, ignored: 0, newest: { seq: 15 } },
      });
    });

    it('names the first witnessed entry that no longer matches after a rewrite with every hash and checkpoint recomputed and re-signed', async () => {
      await recordUpTo(22);
      // A minute after this process first saw 22 unwitnessed (its own clock, not the entry's recordedAt).
      await pass();
      clock.advance(61_000);
      await pass();
      expect(witnessLines().map((l) => l.seq)).toEqual([5, 10, 12, 15, 20, 22]);
      const rewritten = 11;
      await tampering(rewritten, async () => {
        // The attacker holds DATA_DIR, so the key: every checkpoint in the database is signed anew.
        await rewriteFrom(rewritten, AuditSigner.load(t.config.audit.keyPath));
        // The database alone is fooled: its chain and its signed checkpoints agree with each other.
        const withoutWitness = await standaloneAuditLog(t.app.get(DataSource), {
          dataDir: t.config.dataDir,
          audit: { ...t.config.audit, witnessPath: join(witnessDir, 'none.jsonl'), witnessUrl: null },
        }).verify();
        expect(withoutWitness).toMatchObject({ ok: true, entries: 22 });
        // The witness is not: entry 12 is the first witnessed at or after the rewrite.
        const expected = { seq: 12, problem: 'witness_mismatch' };
        const result = await t.app.get(AuditLog).verify();
        expect(result).toMatchObject({ ok: false, firstProblem: expected });
        expect(result.message).toContain('entry 12 no longer matches the witness');
        expect(await verifyOverHttp()).toMatchObject({ ok: false, firstProblem: expected });
        if (options.cli)
          expect(await cliVerify()).toMatchObject({ code: 3, body: { ok: false, firstProblem: expected } });
      });
      expect(await t.app.get(AuditLog).verify()).toMatchObject({ ok: true, entries: 22 });
    });

    it('names the first missing entry when the tail and its checkpoints are cut off below the witness', async () => {
      await tampering(18, async () => {
        await raw.query('DELETE FROM audit_entries WHERE seq >= 18');
        await raw.query('DELETE FROM audit_checkpoints WHERE seq >= 18');
        const result = await verifyOverHttp();
        expect(result).toMatchObject({ ok: false, entries: 17, firstProblem: { seq: 18, problem: 'missing' } });
        expect(result.message).toBe(
          `entries from 18 are missing: the witness holds a signed checkpoint of entry 20 (${witnessLines()[4].at})`,
        );
      });
      expect((await verifyOverHttp()).ok).toBe(true);
    });

    it('names a witness line the audit key did not sign', async () => {
      const size = statSync(witnessPath()).size;
      const seq = await head();
      const forged = {
        seq,
        hash: await hashAt(seq),
        signature: randomBytes(64).toString('base64'),
        keyId: 'f0f0f0f0f0f0f0f0',
        at: clock.now().toISOString(),
      };
      appendFileSync(witnessPath(), `${JSON.stringify(forged)}\n`);
      try {
        expect(await t.app.get(AuditLog).verify()).toMatchObject({
          ok: false,
          firstProblem: { seq, problem: 'witness_signature_invalid' },
        });
      } finally {
        truncateSync(witnessPath(), size);
      }
      expect((await t.app.get(AuditLog).verify()).ok).toBe(true);
    });

    it('refuses to start on a log cut below its witness, verify still names the cut, and starts once it is restored', async () => {
      await t.close();
      running = false;
      await tampering(18, async () => {
        await raw.query('DELETE FROM audit_entries WHERE seq >= 18');
        await raw.query('DELETE FROM audit_checkpoints WHERE seq >= 18');
        // Its first act, recording the policy it loaded, is an append: refused, so the start fails.
        await expect(restart()).rejects.toThrow(/audit log does not match its witness.*entries from 18 are missing/);
        if (options.cli)
          expect(await cliVerify()).toMatchObject({
            code: 3,
            body: { ok: false, firstProblem: { seq: 18, problem: 'missing' }, appends: { refused: true } },
          });
      });
      await restart();
      await recordUpTo(23);
      expect(await t.app.get(AuditLog).verify()).toMatchObject({ ok: true, entries: 23, appends: { refused: false } });
    });
    it('shows no server path over HTTP: the witness and the key are named by their settings', async () => {
      const response = await t.http().get('/v1/audit/verify').set('Authorization', `Bearer ${officer}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        witness: { setting: 'AUDIT_WITNESS_PATH', insideDataDir: false },
        key: { setting: 'AUDIT_KEY_PATH', insideDataDir: true },
      });
      for (const path of [t.config.dataDir, witnessDir, witnessPath(), t.config.audit.keyPath])
        expect(response.text).not.toContain(path);
      // The operator's CLI, on the server itself, does say where they are.
      if (options.cli)
        expect((await cliVerify()).body.paths).toEqual({ witness: witnessPath(), key: t.config.audit.keyPath });
    });

    (options.cli ? it : it.skip)(
      'runs `audit verify` from the CLI without writing a checkpoint or a witness line',
      async () => {
        await pass();
        if ((await head()) % EVERY === EVERY - 1) await record();
        await record();
        const checkpoints = await raw.query('SELECT COUNT(*) AS n FROM audit_checkpoints');
        const size = statSync(witnessPath()).size;
        expect((await cliVerify()).body).toMatchObject({ ok: true });
        expect(await raw.query('SELECT COUNT(*) AS n FROM audit_checkpoints')).toEqual(checkpoints);
        expect(statSync(witnessPath()).size).toBe(size);
      },
    );

    it('verifies with no false alarm while entries, checkpoints and witness lines are added', async () => {
      let appending = true;
      const appends = (async () => {
        while (appending) {
          await record();
          await pass();
        }
      })();
      try {
        for (let run = 0; run < 15; run++) {
          const result = await t.app.get(AuditLog).verify();
          expect({ ok: result.ok, firstProblem: result.firstProblem }).toEqual({ ok: true, firstProblem: null });
        }
      } finally {
        appending = false;
        await appends;
      }
    });

    it('goes on appending over a witness line the key did not sign, but stops witnessing until it is gone', async () => {
      await pass();
      const size = statSync(witnessPath()).size;
      const forged = { seq: 999999, hash: '0'.repeat(64), signature: 'AAAA', keyId: 'f0f0f0f0f0f0f0f0', at: 'now' };
      appendFileSync(witnessPath(), `${JSON.stringify(forged)}\n`);
      const forgedSize = statSync(witnessPath()).size;
      try {
        const from = await head();
        await recordUpTo(from + EVERY);
        // Nothing is vouched for on top of it, even when asked.
        expect(await t.app.get(AuditWitness).pass({ force: true })).toBe(0);
        expect(statSync(witnessPath()).size).toBe(forgedSize);
        const result = await verifyOverHttp();
        expect(result).toMatchObject({
          ok: false,
          firstProblem: { seq: 999999, problem: 'witness_signature_invalid' },
          appends: { refused: false },
          witnessing: { ok: false, problem: { kind: 'witness_line_unsigned' } },
        });
        // A restart (whose first act is an append) is not refused either.
        await t.close();
        running = false;
        await restart();
        await recordUpTo((await head()) + 1);
      } finally {
        truncateSync(witnessPath(), size);
      }
      expect(await t.app.get(AuditWitness).pass({ force: true })).toBeGreaterThan(0);
      expect(witnessLines().at(-1)!.seq).toBe(await head());
      expect(await t.app.get(AuditLog).verify()).toMatchObject({ ok: true, witnessing: { ok: true, problem: null } });
    });

    it('does not vouch for a rewrite hidden by cutting the witness back under what it wrote', async () => {
      await recordUpTo((await head()) + 2 * EVERY);
      await pass();
      const original = readFileSync(witnessPath());
      const lines = witnessLines();
      expect(lines.at(-1)!.seq).toBeGreaterThan(10);
      // The attacker holds the database and the witness, not the key: the witness ends at 10 again, entry 11
      // is rewritten with every later hash recomputed, and the checkpoints above 10 are gone.
      writeFileSync(
        witnessPath(),
        lines
          .filter((l) => l.seq <= 10)
          .map((l) => `${formatWitnessLine(l)}\n`)
          .join(''),
      );
      try {
        await tampering(11, async () => {
          await rewriteFrom(11);
          await raw.query('DELETE FROM audit_checkpoints WHERE seq > 10');
          expect(await t.app.get(AuditWitness).pass({ force: true })).toBe(0);
          expect(witnessLines().at(-1)!.seq).toBe(10);
          expect((await verifyOverHttp()).witnessing).toMatchObject({ ok: false, problem: { kind: 'witness_shrank' } });
        });
      } finally {
        writeFileSync(witnessPath(), original);
      }
      await pass();
      expect(await t.app.get(AuditLog).verify()).toMatchObject({ ok: true, witnessing: { ok: true } });
    });

    it('times a checkpoint by its own clock, not by the recordedAt in the database', async () => {
      // Seen unwitnessed one entry before a checkpoint every N; then past it: the wait counts from the first sighting.
      while ((await head()) % EVERY !== EVERY - 1) await record();
      await pass();
      await recordUpTo((await head()) + 2);
      const last = await head();
      await pass();
      expect(witnessLines().at(-1)!.seq).toBe(last - 1);
      // Someone with the database sets the entry's time into the future (and its hash, not yet witnessed, anew).
      const [row] = await raw.query('SELECT * FROM audit_entries WHERE seq = ?', [last]);
      const future = Date.parse('2099-01-01T00:00:00Z');
      const hash = entryHash(String(row.prev_hash), { ...contentOf(row), recordedAtMs: future });
      await raw.disableTriggers();
      try {
        await raw.query('UPDATE audit_entries SET recorded_at = ?, hash = ? WHERE seq = ?', [future, hash, last]);
      } finally {
        await raw.enableTriggers();
      }
      clock.advance(61_000);
      await pass();
      expect(witnessLines().at(-1)).toMatchObject({ seq: last, hash });
    });

    (options.postgres ? it : it.skip)('posts to the webhook after it has let go of the witness lock', async () => {
      const key = createHash('sha256').update('qinglang:audit-witness').digest().readBigInt64BE(0).toString();
      webhookAnswers = 'hang';
      clock.advance(3600_000);
      await recordUpTo((await head()) + EVERY);
      const calls = receiver.calls.length;
      const passing = pass();
      try {
        await waitFor(async () => (receiver.calls.length > calls ? true : undefined), 'a POST to the webhook', 20_000);
        // The POST hangs, and another process could take the lock meanwhile.
        const [{ locked }] = await raw.query('SELECT pg_try_advisory_lock(?::bigint) AS locked', [key]);
        expect(locked).toBe(true);
        await raw.query('SELECT pg_advisory_unlock(?::bigint)', [key]);
      } finally {
        webhookAnswers = 200;
        await passing;
      }
    });

    (options.postgres ? it : it.skip)(
      'says who holds the witness lock when no pass has run for two intervals, and still refuses a cut log meanwhile',
      async () => {
        const key = createHash('sha256').update('qinglang:audit-witness').digest().readBigInt64BE(0).toString();
        await raw.query('SELECT pg_advisory_lock(?::bigint)', [key]);
        const [{ pid }] = await raw.query('SELECT pg_backend_pid() AS pid');
        try {
          await recordUpTo((await head()) + EVERY);
          for (let i = 0; i < 3; i++) {
            expect(await pass()).toBe(0);
            clock.advance(61_000);
          }
          expect(await pass()).toBe(0);
          const { witnessing } = await verifyOverHttp();
          expect(witnessing).toMatchObject({ ok: false, problem: { kind: 'witness_lock_held' } });
          expect(witnessing.problem!.message).toContain(`pid ${pid}`);
        } finally {
          await raw.query('SELECT pg_advisory_unlock(?::bigint)', [key]);
        }
        expect(await pass()).toBeGreaterThan(0);
        expect((await verifyOverHttp()).witnessing).toEqual({ ok: true, problem: null });
        // Held again, the check outside the lock still finds a cut below the witness, and appends are refused.
        await raw.query('SELECT pg_advisory_lock(?::bigint)', [key]);
        try {
          const newest = witnessLines().at(-1)!.seq;
          await tampering(newest, async () => {
            await raw.query('DELETE FROM audit_entries WHERE seq >= ?', [newest]);
            await raw.query('DELETE FROM audit_checkpoints WHERE seq >= ?', [newest]);
            await pass();
            await expect(record()).rejects.toMatchObject({ status: 503, code: 'audit_log_refused' });
            expect((await verifyOverHttp()).appends.refused).toBe(true);
          });
        } finally {
          await raw.query('SELECT pg_advisory_unlock(?::bigint)', [key]);
        }
        await t.close();
        running = false;
        await restart();
        expect(await t.app.get(AuditLog).verify()).toMatchObject({ ok: true, appends: { refused: false } });
      },
    );

    it('refuses appends in a running process once a pass finds the log cut under the witness: HTTP 503 audit_log_refused', async () => {
      const platform = await t.createPlatform();
      const reviewer = (await t.createStaff('reviewer')).token;
      const bank = (value: string) =>
        t
          .http()
          .post('/v1/review/bank')
          .set('Authorization', `Bearer ${reviewer}`)
          .send({ platformId: platform.id, kind: 'wechat', value, category: 'gambling', reason: 'witness suite' });
      expect((await bank('lucky_0001')).status).toBe(201);
      await t.app.get(AuditWitness).pass({ force: true });
      const newest = witnessLines().at(-1)!.seq;
      expect(newest).toBe(await head());
      await tampering(newest, async () => {
        await raw.query('DELETE FROM audit_entries WHERE seq >= ?', [newest]);
        await raw.query('DELETE FROM audit_checkpoints WHERE seq >= ?', [newest]);
        await pass();
        const refused = await bank('lucky_0002');
        expect(refused.status).toBe(503);
        expect(refused.body).toMatchObject({ code: 'audit_log_refused' });
        expect(refused.text).toContain(`entries from ${newest} are missing`);
        for (const path of [t.config.dataDir, witnessDir]) expect(refused.text).not.toContain(path);
      });
      await t.close();
      running = false;
      await restart();
      expect((await bank('lucky_0003')).status).toBe(201);
    });
  });
}
