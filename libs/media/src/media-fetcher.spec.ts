import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermanentJobError } from '@qinglang/queue';
import { fetchMedia } from './media-fetcher';

describe('fetchMedia', () => {
  let server: Server;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qinglang-fetch-'));
    server = createServer((request, response) => {
      if (request.url === '/big') return void response.writeHead(200).end(Buffer.alloc(5000));
      if (request.url === '/chunked-big') {
        response.writeHead(200);
        for (let i = 0; i < 10; i++) response.write(Buffer.alloc(1000));
        return void response.end();
      }
      if (request.url === '/slow') return void setTimeout(() => response.writeHead(200).end('late'), 2000);
      response.writeHead(200).end(Buffer.alloc(100, 1));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const limits = { timeoutMs: 5000, maxBytes: 2000, allowPrivate: true };

  it('refuses loopback and private addresses unless allowed', async () => {
    for (const url of [
      `${base}/ok`,
      'http://10.1.2.3/x',
      'http://[::1]/x',
      'http://169.254.169.254/latest/meta-data',
    ]) {
      const error = await fetchMedia(url, join(dir, 'x'), { ...limits, allowPrivate: false }).catch((e) => e);
      expect(error).toBeInstanceOf(PermanentJobError);
      expect(error.code).toBe('url_not_allowed');
    }
    expect(await fetchMedia(`${base}/ok`, join(dir, 'ok'), limits)).toBe(100);
  });

  it('stops at the size limit, declared or not, and leaves no file', async () => {
    for (const path of ['/big', '/chunked-big']) {
      const target = join(dir, path.slice(1));
      const error = await fetchMedia(`${base}${path}`, target, limits).catch((e) => e);
      expect(error.code).toBe('too_large');
      expect(existsSync(target)).toBe(false);
    }
  });

  it('gives up at the time limit with an error a retry may fix', async () => {
    const error = await fetchMedia(`${base}/slow`, join(dir, 'slow'), { ...limits, timeoutMs: 300 }).catch((e) => e);
    expect(error).not.toBeInstanceOf(PermanentJobError);
    expect(String(error)).toMatch(/longer than 300 ms/);
  });
});
