import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedLookup } from '@qinglang/media';
import { postWebhook } from './webhook-post';

/** postWebhook against a real server on loopback, answering each way a receiver can misbehave. */
describe('postWebhook', () => {
  let server: Server;
  let base: string;
  const limits = { connectTimeoutMs: 1000, timeoutMs: 800, maxReplyBytes: 64 * 1024 };

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        if (request.url === '/ok') return void response.writeHead(204).end();
        if (request.url === '/silent') return; // never answers
        response.writeHead(200);
        if (request.url === '/huge') {
          const chunk = Buffer.alloc(1 << 20);
          const pump = () => {
            while (!response.destroyed && response.write(chunk));
            if (!response.destroyed) response.once('drain', pump);
          };
          return pump();
        }
        response.write('{'); // /trickle: a status, then a body that never ends
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('resolves with the status', async () => expect(await postWebhook(`${base}/ok`, '{}', {}, limits)).toBe(204));

  it('fails a receiver that never answers, within the time limit', async () => {
    const started = Date.now();
    await expect(postWebhook(`${base}/silent`, '{}', {}, limits)).rejects.toThrow('no answer within 800 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reads a huge reply no further than the cap', async () => {
    const started = Date.now();
    expect(await postWebhook(`${base}/huge`, '{}', {}, limits)).toBe(200);
    expect(Date.now() - started).toBeLessThan(700);
  });

  it('counts a status whose body trickles as answered (no second send of an accepted event)', async () => {
    expect(await postWebhook(`${base}/trickle`, '{}', {}, limits)).toBe(200);
  });

  it('does not connect where the address policy forbids (checked at connect time)', async () => {
    const url = `${base.replace('127.0.0.1', 'localhost')}/ok`;
    await expect(
      postWebhook(url, '{}', {}, { ...limits, lookup: guardedLookup({ allowPrivate: false }) }),
    ).rejects.toThrow(/not fetched/);
  });
});
