import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ManualClock } from '@qinglang/config';
import { WitnessWebhook } from './witness-webhook';
import { WitnessLine } from './witness-line';

describe('the witness webhook state (a file in DATA_DIR, so not trusted)', () => {
  let dir: string;
  let webhook: WitnessWebhook;
  const write = (text: string) => writeFileSync(join(dir, 'audit', 'witness-url-state.json'), text);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'webhook-state-'));
    mkdirSync(join(dir, 'audit'));
    const config = { dataDir: dir, audit: { witnessUrl: 'http://127.0.0.1:9/witness' } } as AppConfig;
    webhook = new WitnessWebhook(config, new ManualClock(new Date('2026-12-01T08:00:00Z')));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fresh = { deliveredSeq: 0, failures: 0, lastError: null, nextAttemptAtMs: 0 };

  it.each([
    ['not JSON', '{"deliveredSeq": 4'],
    ['JSON of another shape', '["deliveredSeq", 4]'],
    ['a field of the wrong type', '{"deliveredSeq":"9999","failures":0,"lastError":null,"nextAttemptAtMs":0}'],
    ['null', 'null'],
  ])('is taken as fresh when it is %s, never an error', async (_, text) => {
    write(text);
    await expect(webhook.state(20)).resolves.toEqual(fresh);
    await expect(webhook.due(20)).resolves.toEqual(fresh);
  });

  it('brings a delivered seq past the newest witnessed one back to it', async () => {
    write(JSON.stringify({ ...fresh, deliveredSeq: 999999 }));
    await expect(webhook.state(20)).resolves.toMatchObject({ deliveredSeq: 20 });
    write(JSON.stringify({ ...fresh, deliveredSeq: 15, failures: 2, lastError: 'HTTP 503' }));
    await expect(webhook.state(20)).resolves.toEqual({
      ...fresh,
      deliveredSeq: 15,
      failures: 2,
      lastError: 'HTTP 503',
    });
  });

  it('starts no new POST once its budget is spent: the rest wait for the next pass', async () => {
    // A receiver that takes 300 ms for each line, and ten lines for a budget of 500 ms.
    const server: Server = createServer((request, response) => {
      request.resume();
      request.on('end', () => setTimeout(() => response.writeHead(200).end('{}'), 300));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const config = {
        dataDir: dir,
        audit: { witnessUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/witness` },
      } as AppConfig;
      const slow = new WitnessWebhook(config, new ManualClock(new Date('2026-12-01T08:00:00Z')));
      const lines: WitnessLine[] = Array.from({ length: 10 }, (_, i) => ({
        seq: (i + 1) * 5,
        hash: 'a'.repeat(64),
        signature: 'c2ln',
        keyId: '0123456789abcdef',
        at: '2026-12-01T08:00:00.000Z',
      }));
      const sent = await slow.deliver({ ...fresh }, lines, 500);
      expect(sent).toBeGreaterThanOrEqual(1);
      expect(sent).toBeLessThan(lines.length);
      await expect(slow.state(50)).resolves.toEqual({ ...fresh, deliveredSeq: lines[sent - 1].seq });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
