import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashApiKey } from '@qinglang/platforms';
import { TestBackends, embeddedBackends, startTestApp } from '../helpers/test-app';

const ROOT = join(__dirname, '..', '..');
/** The `qinglang` command as package.json's `bin` installs it: the launcher, run by its shebang. */
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'qinglang');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `qinglang …` to its end; `stdin` is a file given as the process's standard input (as `< file` does). */
function qinglang(env: Record<string, string>, args: string[], stdin?: string): Promise<Run> {
  const input = stdin ? openSync(stdin, 'r') : 'ignore';
  const started = Date.now();
  const child = spawn(BIN, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: [input, 'pipe', 'pipe'] });
  if (typeof input === 'number') closeSync(input);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** Every stdout line parses as JSON: nothing else (a banner, a log line) is mixed in. */
const jsonLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('cli: the compiled qinglang command', () => {
  let backends: TestBackends;
  let env: Record<string, string>;
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js')))
      throw new Error('dist/ is missing: `npm test` builds first; with npx jest, run `npm run build` before');
    backends = await embeddedBackends();
    // A module loaded by the process is named on stderr at its exit: proof of what a command did not load.
    const preload = join(backends.env.DATA_DIR, 'loaded-modules.js');
    writeFileSync(
      preload,
      "process.on('exit', () => process.stderr.write(`LOADED ${JSON.stringify(Object.keys(require.cache))}\\n`));\n",
    );
    env = { ...backends.env, NODE_OPTIONS: `--require ${preload}` };
  });
  afterAll(async () => backends?.cleanup());

  const loadedModules = (run: Run): string[] => JSON.parse(/^LOADED (.*)$/m.exec(run.stderr)?.[1] ?? '[]') as string[];

  it('creates a platform: a working key printed once, only its hash stored', async () => {
    const run = await qinglang(env, ['platform', 'create', 'Huya Test', '--json']);
    expect(run.code).toBe(0);
    const [{ id, name, apiKey }] = jsonLines(run.stdout) as { id: string; name: string; apiKey: string }[];
    expect(name).toBe('Huya Test');
    expect(apiKey).toMatch(/^ql_[A-Za-z0-9_-]{40,}$/);

    const db = new Database(join(backends.env.DATA_DIR, 'qinglang.sqlite'), { readonly: true });
    const row = db.prepare('SELECT * FROM platforms WHERE id = ?').get(id) as Record<string, unknown>;
    db.close();
    expect(row.api_key_hash).toBe(hashApiKey(apiKey));
    expect(JSON.stringify(row)).not.toContain(apiKey);

    const t = await startTestApp(backends);
    try {
      const response = await t
        .http()
        .post('/v1/streams')
        .set('Authorization', `Bearer ${apiKey}`)
        .send({ externalId: 'r', streamerId: 's' });
      expect(response.status).toBe(201);
    } finally {
      await t.close();
    }
  });

  it('lists platforms as JSON lines, without keys, loading no model, quickly', async () => {
    const created = await qinglang(env, ['platform', 'create', 'Listed Live']);
    expect([created.code, created.stderr.replace(/^LOADED .*$/m, '').trim()]).toEqual([0, '']);
    const run = await qinglang(env, ['platform', 'list', '--json']);
    expect(run.code).toBe(0);
    const rows = jsonLines(run.stdout);
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          id: expect.any(String),
          name: 'Listed Live',
          apiKeyPrefix: expect.stringMatching(/^ql_/),
          createdAt: expect.any(String),
        },
      ]),
    );
    expect(run.stdout).not.toMatch(/apiKey"/);
    // No model, OCR or queue: a no-model command loads the database and the services it calls, nothing more.
    const loaded = loadedModules(run);
    expect(loaded.length).toBeGreaterThan(100);
    for (const heavy of ['onnxruntime-node', '@tensorflow', 'tesseract.js', '@gutenye', 'zxing-wasm', 'nsfwjs'])
      expect(loaded.filter((file) => file.includes(`/node_modules/${heavy}`))).toEqual([]);
    expect(loaded.filter((file) => /dist\/libs\/(classifier|media|ingest|live-pull)\//.test(file))).toEqual([]);
    // Printed, not asserted: a loaded 2-core box slows it several times over.
    process.stdout.write(`qinglang platform list: ${run.ms} ms\n`);
  });

  it('classify-text < in.jsonl writes only JSON lines on stdout, one per input line, in order', async () => {
    const file = join(backends.env.DATA_DIR, 'in.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', text: '加微信带你上岸，百家乐包赢' }),
        '',
        JSON.stringify({ id: 2, text: '今天天气真好，主播唱得不错' }),
        'not json',
        JSON.stringify({ id: 'c', text: '澳门新葡京' }),
      ].join('\n'),
    );
    const run = await qinglang(env, ['classify-text'], file);
    expect(run.code).toBe(0);
    const rows = jsonLines(run.stdout);
    expect(rows.map((r) => r.id)).toEqual(['a', 2, null, 'c']);
    expect(rows[0].flagged).toContain('gambling');
    expect(rows[1].flagged).toEqual([]);
    expect(rows[2]).toEqual({ id: null, error: 'invalid JSON' });
    expect(rows[3].flagged).toContain('gambling');
    expect(loadedModules(run).filter((f) => f.includes('/node_modules/@nestjs/core/'))).toEqual([]);
  });

  it('scan --json prints only JSON lines: what a local video holds, with times', async () => {
    const run = await qinglang(env, ['scan', join(ROOT, 'test', 'fixtures', 'segment-gambling-overlay.ts'), '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/TensorFlow.js backend: (wasm|tensorflow|cpu)/);
    const rows = jsonLines(run.stdout);
    const summary = rows.pop();
    expect(rows.map((r) => r.timeMs)).toEqual([0, 2000, 4000]);
    expect(
      rows.every(
        (r) =>
          (r.flagged as string[]).includes('gambling') &&
          (r.qrCodes as string[]).includes('https://bet-888-casino.example/register?ref=live'),
      ),
    ).toBe(true);
    expect(summary).toEqual({ summary: { frames: 3, flagged: { gambling: [0, 2000, 4000] } } });
    const benign = await qinglang(env, ['scan', join(ROOT, 'test', 'fixtures', 'segment-benign-overlay.ts'), '--json']);
    expect(jsonLines(benign.stdout).pop()).toEqual({ summary: { frames: 3, flagged: {} } });
  });

  it('audit verify --json prints one JSON object and exits 0 on an intact log', async () => {
    const run = await qinglang(env, ['audit', 'verify', '--json']);
    expect(run.code).toBe(0);
    const [result] = jsonLines(run.stdout);
    expect(result).toMatchObject({ ok: true, paths: { witness: expect.any(String), key: expect.any(String) } });
  });

  it('creates, lists and revokes a staff token, which stops working at once', async () => {
    const created = await qinglang(env, ['staff', 'create', 'Cli Reviewer', '--role', 'reviewer', '--json']);
    expect(created.code).toBe(0);
    const [{ token }] = jsonLines(created.stdout) as { token: string }[];
    const listed = jsonLines((await qinglang(env, ['staff', 'list', '--json'])).stdout);
    expect(listed).toEqual([
      expect.objectContaining({
        name: 'Cli Reviewer',
        role: 'reviewer',
        revokedAt: null,
        tokenExpiresAt: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(token);

    const t = await startTestApp(backends);
    try {
      expect((await t.http().get('/v1/review/queue').set('Authorization', `Bearer ${token}`)).status).toBe(200);
      const revoked = jsonLines((await qinglang(env, ['staff', 'revoke', 'Cli Reviewer', '--json'])).stdout)[0];
      expect(revoked).toMatchObject({ name: 'Cli Reviewer', revokedAt: expect.any(String) });
      const queue = await t.http().get('/v1/review/queue').set('Authorization', `Bearer ${token}`);
      expect(queue.body.code).toBe('staff_token_revoked');
    } finally {
      await t.close();
    }
  });

  it.each([
    ['a name that is taken', ['platform', 'create', 'Huya Test'], /already exists/],
    ['a malformed name', ['platform', 'create', '!!'], /A platform name is/],
    ['an unknown command', ['platfrom', 'list'], /unknown command 'platfrom'/],
    ['an unknown option', ['platform', 'list', '--jsno'], /unknown option '--jsno'/],
    ['a missing argument', ['staff', 'create', 'Nobody'], /required option '--role <role>' not specified/],
  ])('exits 2 on %s, with a message on stderr and nothing on stdout', async (_, args, message) => {
    const run = await qinglang(env, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('exits 1 when the database cannot be reached, 0 on --help (which names the exit codes)', async () => {
    const unreachable = await qinglang({ ...env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, [
      'platform',
      'list',
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toBe('');
    const help = await qinglang(env, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 done; 1 failure.*2 usage or input error/s);
  });
});
