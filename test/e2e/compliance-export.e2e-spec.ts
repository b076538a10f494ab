import { get as httpGet } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Database from 'better-sqlite3';
import { useEmbeddedApp } from '../helpers/test-app';

const ROWS = 100_000;

// A full collection on demand, whatever flags jest was started with: the samples then measure what the
// process holds, not garbage that a collection would have freed.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * A statement of reasons of the shape statementOfReasons writes (the contract checks it when a sanction is read),
 * about as long as a real one (~2 KB), with Chinese text in it.
 */
function statement(i: number, issuedAtMs = 1_764_000_000_000 + i) {
  return {
    decision: {
      action: 'warning',
      summary: 'warning',
      durationDays: null,
      endsAt: null,
      interim: false,
      contentAction: null,
      monetaryAction: null,
    },
    ground: {
      category: 'gambling',
      reasonCode: 'gambling_promotion',
      reasonLabel: '直播间推广赌博平台, "上分" 与 "返水", 引导私聊',
      policyVersion: 'policy-v1',
      policy: 'Qinglang policy policy-v1, categories.gambling',
    },
    facts: {
      account: { id: `account-${i}`, externalId: `host-${i}` },
      subject: { kind: 'stream', id: `stream-${i}`, externalId: `room-${i}`, status: 'live' },
      flag: {
        id: `flag-${i}`,
        openedAt: new Date(issuedAtMs - 60_000).toISOString(),
        confidence: 0.9,
        evidenceCount: 6,
        modelVersions: ['text-1.0'],
      },
      evidence: Array.from({ length: 6 }, (_, k) => ({
        source: { kind: 'text_line', id: `line-${i}-${k}` },
        score: 0.9,
        streamTimeMs: k * 1000,
        model: 'qinglang-text@text-1.0',
        text: `澳门百家乐真人荷官在线，加微信上分，包赢 #${k}, "quoted"`,
      })),
      strike: { number: 1, windowDays: 90 },
    },
    automation: {
      detection: 'automated (models named in facts.flag.modelVersions)',
      decision: 'human review (1 reviewer)',
      automatedDecision: false,
    },
    redress: { appeal: '平台内申诉，三十日内', appealDeadline: new Date(issuedAtMs + 30 * 86_400_000).toISOString() },
  };
}

/**
 * The CSV export of 100,000 sanctions (the fixture rows go straight into the database) streams through HTTP:
 * every row arrives, and what the process holds while it streams stays far below what the export weighs.
 */
describe('sanctions export at scale (SQLite)', () => {
  const ctx = useEmbeddedApp();

  it('streams 100,000 sanctions as CSV with flat memory', async () => {
    const t = ctx.app;
    const platform = await t.createPlatform('导出平台');
    const officer = (await t.createStaff('compliance')).token;
    if (t.config.database.type !== 'sqlite') throw new Error('this test fills SQLite directly');

    const db = new Database(t.config.database.path);
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare(
      `INSERT INTO sanctions (id, platform_id, account_id, flag_id, violation_key, kind, category, action, duration_days, strike_number, status, reason_code, automated,
        decided_by, policy_version, model_versions, content_action, monetary_action, statement, issued_at, ends_at, ended_at, end_reason, flag_opened_at)
       VALUES (?, ?, ?, ?, ?, 'sanction', 'gambling', 'warning', NULL, 1, 'active', 'gambling_promotion', 0, ?, 'policy-v1', '["text-1.0"]', NULL, NULL, ?, ?, NULL, NULL, NULL, ?)`,
    );
    const base = 1_764_000_000_000;
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        const flagId = randomUUID();
        insert.run(
          randomUUID(),
          platform.id,
          randomUUID(),
          flagId,
          flagId,
          JSON.stringify([randomUUID()]),
          JSON.stringify(statement(i)),
          base + i * 1000,
          base + i * 1000 - 60_000,
        );
      }
    })();
    db.close();

    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 1000);
    const started = Date.now();
    const { status, type, lines, bytes } = await new Promise<{
      status: number;
      type: string;
      lines: number;
      bytes: number;
    }>((resolve, reject) => {
      httpGet(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/compliance/exports/sanctions.csv',
          headers: { Authorization: `Bearer ${officer}` },
        },
        (response) => {
          let lines = 0;
          let bytes = 0;
          response.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), lines, bytes }),
          );
          response.on('error', reject);
        },
      ).on('error', reject);
    });
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    const growthMb = (peak - baseline) / 2 ** 20;
    process.stdout.write(
      `export: ${ROWS} sanctions, ${(bytes / 2 ** 20).toFixed(1)} MB of CSV in ${seconds.toFixed(1)} s; peak live heap growth ${growthMb.toFixed(1)} MB\n`,
    );

    expect(status).toBe(200);
    expect(type).toBe('text/csv; charset=utf-8');
    expect(lines).toBe(ROWS + 1); // the header, then one line per sanction (none holds a raw newline)
    // The export weighs hundreds of megabytes (more again as JS strings and row objects); the process holds a page.
    expect(bytes).toBeGreaterThan(150 * 2 ** 20);
    expect(growthMb).toBeLessThan(64);
  }, 120_000);

  it('pages through sanctions issued in the same millisecond without losing or repeating one', async () => {
    const t = ctx.app;
    const platform = await t.createPlatform('同一毫秒');
    const officer = (await t.createStaff('compliance')).token;
    if (t.config.database.type !== 'sqlite') throw new Error('this test fills SQLite directly');
    const db = new Database(t.config.database.path);
    const ids = Array.from({ length: 7 }, () => randomUUID());
    const insert = db.prepare(
      `INSERT INTO sanctions (id, platform_id, account_id, flag_id, violation_key, kind, category, action, status, reason_code, automated, decided_by, policy_version,
        model_versions, statement, issued_at, flag_opened_at) VALUES (?, ?, ?, ?, ?, 'sanction', 'gambling', 'warning', 'active', 'gambling_promotion', 0, '[]', 'p', '[]', ?, ?, ?)`,
    );
    const sameMs = 1_700_000_000_000;
    for (const [i, id] of ids.entries())
      insert.run(id, platform.id, randomUUID(), id, id, JSON.stringify(statement(i, sameMs)), sameMs, sameMs);
    db.close();
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page: { body: { sanctions: Array<{ id: string }>; next: string | null } } = await t
        .http()
        .get(`/v1/compliance/sanctions?platformId=${platform.id}&limit=2${before ? `&before=${before}` : ''}`)
        .set('Authorization', `Bearer ${officer}`);
      seen.push(...page.body.sanctions.map((s) => s.id));
      before = page.body.next;
    } while (before);
    expect(seen).toEqual([...ids].sort().reverse());
  });
});
