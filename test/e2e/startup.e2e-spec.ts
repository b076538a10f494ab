import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ContractValidator } from '../helpers/openapi-contract';
import { TestBackends, embeddedBackends, waitFor } from '../helpers/test-app';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Like waitFor, polling every `everyMs`: the first /health answer must be caught just after listen. */
async function poll<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs: number,
  everyMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

interface Answer {
  status: number;
  // Response bodies, read by the assertions (as supertest's bodies are in the other suites).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body whose shape the test asserts
  body: any;
}

/**
 * `npm start` as it runs (the built API, role `all`, embedded defaults): it listens before its models are loaded,
 * says so on /health, serves what needs no model meanwhile, and classifies what it accepted once the models are up.
 */
describe('start-up: the API listens at once and loads its models after', () => {
  let backends: TestBackends;
  let child: ChildProcess | undefined;
  let api: string;
  let output = '';
  // This suite talks to a child process, not the shared test app: its answers (the port's own `starting` ones
  // too) are checked here against the published document, as every other suite's are against the code's.
  const contract = new ContractValidator(JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8')));
  const contractProblems = new Set<string>();
  const call = async (path: string, init: RequestInit = {}): Promise<Answer> => {
    const response = await fetch(`${api}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    const body = text.startsWith('{') ? JSON.parse(text) : {};
    const type = (response.headers.get('content-type') ?? '').split(';')[0];
    const problem = contract.check(init.method ?? 'GET', path, { status: response.status, type, body });
    if (problem) contractProblems.add(problem);
    return { status: response.status, body };
  };

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')))
      throw new Error('dist/ is missing: `npm test` builds first; with npx jest, run `npm run build` before');
    backends = await embeddedBackends();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await backends?.cleanup();
  });

  it('answers /health 503 starting from the moment it listens, serves meanwhile, then 200 and classifies what it took', async () => {
    const { stdout } = await run(
      join(ROOT, 'apps', 'cli', 'bin', 'qinglang'),
      ['platform', 'create', 'Startup Live', '--json'],
      {
        cwd: ROOT,
        env: { ...process.env, ...backends.env },
      },
    );
    const { apiKey } = JSON.parse(stdout) as { apiKey: string };
    const auth = { Authorization: `Bearer ${apiKey}` };
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;

    const spawned = Date.now();
    child = spawn('node', ['-r', 'tsconfig-paths/register', 'dist/apps/api/src/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...backends.env,
        PORT: String(port),
        QL_ROLE: 'all',
        TS_NODE_BASEURL: 'dist',
        LOG_LEVEL: 'log',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));

    // The first answer to come: polled every 20 ms from the spawn on, so it is the one just after listen.
    const first = await poll(
      async () => {
        if (child!.exitCode !== null) throw new Error(`the API exited: ${output.slice(-2000)}`);
        return call('/health').catch(() => undefined);
      },
      'the API to listen',
      120_000,
      20,
    );
    const listenMs = Date.now() - spawned;
    // Any other route meanwhile: 503 starting with the error body every answer has (or, once the application
    // answers, its own refusal of a missing key); either is checked against the document below.
    const early = await call('/v1/flags');
    expect([503, 401]).toContain(early.status);
    if (early.status === 503) expect(early.body).toMatchObject({ code: 'starting', correlationId: expect.any(String) });
    // Bound before the modules load: starting, whoever answers (the placeholder, or already the application).
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({
      status: 'starting',
      code: 'starting',
      message: expect.stringMatching(/^Starting: /),
    });

    // Then the application answers, still starting: its dependencies up, the models loading.
    const serving = await poll(
      async () => {
        if (child!.exitCode !== null) throw new Error(`the API exited: ${output.slice(-2000)}`);
        const answer = await call('/health');
        return answer.body.details?.models ? answer : undefined;
      },
      'the application to answer',
      120_000,
      20,
    );
    const servingMs = Date.now() - spawned;
    expect(serving.status).toBe(503);
    expect(serving.body).toMatchObject({
      status: 'starting',
      code: 'starting',
      message: expect.stringMatching(/^Starting: loading /),
      details: {
        database: { status: 'up', type: 'sqlite' },
        queue: { status: 'up', driver: 'in-process' },
        ffmpeg: { status: 'up' },
        models: { status: 'down', state: 'starting' },
      },
    });
    expect(Object.keys(serving.body.details.models.checks)).toEqual(
      expect.arrayContaining(['porn model', 'frame analysis threads', 'text classifier']),
    );

    // Meanwhile, what needs no model works, and a segment is accepted (queued until the models are up).
    expect((await call('/docs/openapi.json')).status).toBe(200);
    const stream = await call('/v1/streams', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ externalId: 'room-startup', streamerId: 'streamer-startup' }),
    });
    expect(stream.status).toBe(201);
    const form = new FormData();
    form.append('startOffsetMs', '0');
    form.append(
      'file',
      new Blob([readFileSync(join(ROOT, 'test', 'fixtures', 'segment-gambling-overlay.ts'))]),
      'seg.ts',
    );
    const segment = await call(`/v1/streams/${stream.body.id}/segments`, { method: 'POST', headers: auth, body: form });
    expect(segment.status).toBe(202);
    const stillStarting = (await call('/health')).body.status === 'starting';

    const healthy = await poll(
      async () => {
        const answer = await call('/health');
        return answer.status === 200 ? answer : undefined;
      },
      '/health 200',
      180_000,
      50,
    );
    const readyMs = Date.now() - spawned;
    expect(healthy.body.details).toMatchObject({
      models: { status: 'up', state: 'ready' },
      tensorflow: { status: 'up', backend: expect.any(String) },
    });

    const classified = await waitFor(
      async () => {
        const answer = await call(`/v1/segments/${segment.body.id}`, { headers: auth });
        if (answer.body.status === 'failed') throw new Error(JSON.stringify(answer.body.failure));
        return answer.body.status === 'classified' ? answer.body : undefined;
      },
      'the segment accepted while starting to be classified',
      180_000,
    );
    expect(classified.status).toBe('classified');
    expect([...contractProblems]).toEqual([]);
    process.stdout.write(
      `start-up: first answer (listening) ${listenMs} ms after spawn, the application answering at ${servingMs} ms, ` +
        `/health 200 at ${readyMs} ms; ` +
        `segment accepted while ${stillStarting ? 'still starting' : 'already ready'}\n`,
    );
  });
});
