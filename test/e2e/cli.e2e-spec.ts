import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashApiKey } from '@qinglang/platforms';
import { TestBackends, embeddedBackends, startTestApp } from '../helpers/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** `npm run cli -- platform create <name>`: the key is printed once and only its hash is kept. */
describe('cli: platform create', () => {
  let backends: TestBackends;
  beforeAll(async () => (backends = await embeddedBackends()));
  afterAll(async () => backends?.cleanup());

  const cli = (...args: string[]) =>
    run(
      'node',
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/cli/src/main.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...backends.env },
      },
    );

  it('prints a working key once and stores only its hash', async () => {
    const { stdout } = await cli('platform', 'create', 'Huya Test', '--json');
    const { id, name, apiKey } = JSON.parse(stdout);
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

  it('scan prints what a local video holds, with times', async () => {
    const { stdout, stderr } = await cli(
      'scan',
      join(ROOT, 'test', 'fixtures', 'segment-gambling-overlay.ts'),
      '--json',
    );
    expect(stderr).toMatch(/TensorFlow.js backend: (wasm|tensorflow|cpu)/);
    const rows = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const summary = rows.pop();
    expect(rows.map((r) => r.timeMs)).toEqual([0, 2000, 4000]);
    expect(
      rows.every(
        (r) => r.flagged.includes('gambling') && r.qrCodes.includes('https://bet-888-casino.example/register?ref=live'),
      ),
    ).toBe(true);
    expect(summary).toEqual({ summary: { frames: 3, flagged: { gambling: [0, 2000, 4000] } } });
    const benign = await cli('scan', join(ROOT, 'test', 'fixtures', 'segment-benign-overlay.ts'), '--json');
    expect(JSON.parse(benign.stdout.trim().split('\n').pop()!)).toEqual({ summary: { frames: 3, flagged: {} } });
  });

  it('revokes a staff token at once', async () => {
    const t = await startTestApp(backends);
    try {
      const { token } = await t.createStaff('reviewer', 'Cli Reviewer');
      const revoked = JSON.parse((await cli('staff', 'revoke', 'Cli Reviewer', '--json')).stdout);
      expect(revoked).toMatchObject({ name: 'Cli Reviewer', revokedAt: expect.any(String) });
      const queue = await t.http().get('/v1/review/queue').set('Authorization', `Bearer ${token}`);
      expect(queue.body.code).toBe('staff_token_revoked');
    } finally {
      await t.close();
    }
  });

  it('refuses a name that is taken, with exit code 2 and a message', async () => {
    await cli('platform', 'create', 'Douyu Test');
    const error = await cli('platform', 'create', 'Douyu Test').catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain('already exists');
  });
});
