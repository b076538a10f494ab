import { statSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp, useEmbeddedApp, waitForTerminal } from '../helpers/test-app';

/** Hostile input gets a 400 with a code; responses carry security headers; data files are the service's alone. */
describe('hostile input and hygiene', () => {
  const fixture = useEmbeddedApp();
  let t: TestApp;
  let key: string;
  const auth = () => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    t = fixture.app;
    key = (await t.createPlatform()).apiKey;
  });

  it.each([
    [
      'JSON nested 10,000 deep',
      `{"externalId":"a","streamerId":"b","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      'json_too_deep',
    ],
    ['a number no double holds', '{"externalId":"a","streamerId":"b","viewerCount":1e400}', 'number_out_of_range'],
    [
      'an integer past 2^53',
      '{"externalId":"a","streamerId":"b","viewerCount":9007199254740993}',
      'number_out_of_range',
    ],
  ])('answers %s with 400', async (_, body, code) => {
    const response = await t.http().post('/v1/streams').set(auth()).set('Content-Type', 'application/json').send(body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code, message: expect.any(String) });
  });

  it('answers a body in a charset it does not read with 415', async () => {
    const response = await t
      .http()
      .post('/v1/streams')
      .set(auth())
      .set('Content-Type', 'application/json; charset=x-unknown')
      .send('{"externalId":"a","streamerId":"b"}');
    expect(response.status).toBe(415);
    expect(response.body.code).toEqual(expect.any(String));
  });

  it('sends security headers and no X-Powered-By, and keeps the documentation page working', async () => {
    const api = await t.http().get('/health');
    expect(api.headers['x-powered-by']).toBeUndefined();
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['content-security-policy']).toContain("default-src 'none'");
    expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
    const refused = await t.http().get('/v1/flags');
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    const docs = await t.http().get('/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toBeUndefined();
    const console = await t.http().get('/console');
    expect(console.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('keeps the data folder and the database readable by the service alone', () => {
    expect(statSync(t.config.dataDir).mode & 0o777).toBe(0o700);
    if (t.config.database.type === 'sqlite') expect(statSync(t.config.database.path).mode & 0o777).toBe(0o600);
  });

  it('never names a server path in a failure', async () => {
    const streamId = (await t.http().post('/v1/streams').set(auth()).send({ externalId: 'paths', streamerId: 'p' }))
      .body.id;
    const fake = Buffer.alloc(188 * 20, 0);
    for (let i = 0; i < fake.length; i += 188) fake[i] = 0x47;
    const upload = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth())
      .attach('file', fake, 'garbage.ts');
    const done = await waitForTerminal(t.http, key, `/v1/segments/${upload.body.id}`);
    expect(done.status).toBe('failed');
    expect(done.failure.reason).not.toContain(t.config.dataDir);
    expect(done.failure.reason).not.toMatch(/(^|\s)\/[\w.-]+\/[\w.-]+\//);
    expect(JSON.stringify(done)).not.toContain(join(t.config.dataDir, ''));
  });
});

describe('metrics behind a token', () => {
  const fixture = useEmbeddedApp({ METRICS_TOKEN: 'scrape-token-for-tests-0001' });

  it('answers /metrics only with the token', async () => {
    const t = fixture.app;
    const without = await t.http().get('/metrics');
    expect(without.status).toBe(401);
    expect(without.body.code).toBe('metrics_token_required');
    expect((await t.http().get('/metrics').set('Authorization', 'Bearer wrong-token-000000000')).status).toBe(401);
    const allowed = await t.http().get('/metrics').set('Authorization', 'Bearer scrape-token-for-tests-0001');
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('qinglang_');
  });
});
