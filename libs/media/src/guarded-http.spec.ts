import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { guardedGet, readBody } from './guarded-http';

describe('guardedGet', () => {
  let server: Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits++;
      if (request.url === '/hop') return void response.writeHead(302, { Location: `http://127.0.0.2:${port}/` }).end();
      response.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('refuses a host name that resolves to loopback, in the lookup the socket connects with', async () => {
    const before = hits;
    await expect(
      guardedGet(`http://localhost:${port}/`, { allowPrivate: false, timeoutMs: 2000 }),
    ).rejects.toMatchObject({
      code: 'url_not_allowed',
    });
    expect(hits).toBe(before);
  });

  it('connects where the policy allows the address', async () => {
    const policy = { allowPrivate: false, allowedNetworks: ['127.0.0.0/8', '::1/128'], timeoutMs: 2000 };
    const response = await guardedGet(`http://localhost:${port}/`, policy);
    expect(response.status).toBe(200);
    expect((await readBody(response, 100)).toString()).toBe('ok');
  });

  it('checks every redirect again', async () => {
    const policy = { allowPrivate: false, allowedNetworks: ['127.0.0.1/32'], timeoutMs: 2000 };
    await expect(guardedGet(`http://127.0.0.1:${port}/hop`, policy)).rejects.toMatchObject({ code: 'url_not_allowed' });
  });

  it('refuses other protocols', async () => {
    await expect(guardedGet('file:///etc/passwd', { allowPrivate: true, timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'url_not_allowed',
    });
  });

  it('stops a body over the size limit', async () => {
    const response = await guardedGet(`http://127.0.0.1:${port}/`, { allowPrivate: true, timeoutMs: 2000 });
    await expect(readBody(response, 1)).rejects.toMatchObject({ code: 'too_large' });
  });
});
