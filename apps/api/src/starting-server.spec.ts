import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenWhileStarting } from './starting-server';

describe('listenWhileStarting', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = await listenWhileStarting(0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers /health 503 with status starting in the shape of a Terminus report', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({
      status: 'starting',
      code: 'starting',
      message: expect.stringMatching(/^Starting: /),
      info: {},
      error: {},
      details: {},
    });
  });

  it('answers every other request 503 starting with the error body (code, message, correlationId), whatever its method and body', async () => {
    const response = await fetch(`${base}/v1/streams`, { method: 'POST', body: JSON.stringify({ externalId: 'x' }) });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      code: 'starting',
      message: expect.stringMatching(/^Starting: /),
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const traced = await fetch(`${base}/v1/flags`, { headers: { 'X-Request-Id': 'req-42' } });
    expect(((await traced.json()) as { correlationId: string }).correlationId).toBe('req-42');
  });

  it('refuses a port already taken', async () => {
    const port = (server.address() as AddressInfo).port;
    await expect(listenWhileStarting(port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
