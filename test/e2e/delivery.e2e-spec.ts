import { verifySignature } from '@qinglang/delivery';
import { TestApp, useEmbeddedApp, waitFor } from '../helpers/test-app';
import { GAMBLING_LINES, ReviewFixture } from '../helpers/review-client';
import { Reply, WebhookReceiver } from '../helpers/webhook-receiver';

/** Sanctions reach the platform: a signed webhook retried until acknowledged, failures kept for replay, and the poll feed. */
describe('delivery of sanctions to platforms', () => {
  const fixture = useEmbeddedApp({
    WEBHOOK_ALLOW_PRIVATE: 'true',
    DELIVERY_POLL_MS: '100',
    WEBHOOK_RETRY_BASE_MS: '100',
    WEBHOOK_MAX_ATTEMPTS: '4',
  });
  let t: TestApp;
  let reviewer: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    t = fixture.app;
    reviewer = (await t.createStaff('reviewer')).token;
  });
  afterAll(async () => {
    for (const receiver of receivers) await receiver.stop();
  });

  async function platformWithWebhook(respond: (n: number) => Reply) {
    const f = new ReviewFixture(t, (await t.createPlatform()).apiKey);
    return { f, ...(await setWebhook(f, respond)) };
  }

  async function setWebhook(f: ReviewFixture, respond: (n: number) => Reply) {
    const receiver = new WebhookReceiver(respond);
    receivers.push(receiver);
    const webhook = await t
      .http()
      .put('/v1/webhook')
      .set({ Authorization: `Bearer ${f.apiKey}` })
      .send({ url: await receiver.start() });
    expect(webhook.status).toBe(200);
    expect(webhook.body.secret).toMatch(/^whsec_/);
    return { receiver, secret: webhook.body.secret as string };
  }

  async function sanctionOnce(f: ReviewFixture, room: string) {
    const streamId = await f.stream(room, `${room}-host`);
    await f.chat(streamId, [GAMBLING_LINES[0]]);
    const [flag] = await f.openFlags(streamId, 'gambling');
    return (await f.claimAndConfirm(reviewer, flag.id, 'gambling_promotion')).sanction as { id: string };
  }

  it('retries a failing webhook until it answers 2xx, then delivers exactly once with a valid signature', async () => {
    const { f, receiver, secret } = await platformWithWebhook((n) => (n <= 2 ? 503 : 200));
    const sanction = await sanctionOnce(f, 'hook-room');
    await waitFor(async () => (receiver.acknowledged.length ? true : undefined), 'the webhook to acknowledge', 30_000);
    const [delivered] = receiver.acknowledged;
    expect(receiver.calls.map((c) => c.status)).toEqual([503, 503, 200]);
    const body = JSON.parse(delivered.body);
    expect(body).toMatchObject({
      type: 'sanction.issued',
      sequence: 1,
      sanction: { id: sanction.id, action: 'warning' },
    });
    expect(
      verifySignature(
        delivered.headers['qinglang-signature'] as string,
        delivered.body,
        secret,
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(true);
    expect(
      verifySignature(
        delivered.headers['qinglang-signature'] as string,
        delivered.body,
        'whsec_wrong',
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(false);
    // Every attempt carried the same event id, so a platform that saw an earlier one dedupes.
    expect(new Set(receiver.calls.map((c) => c.headers['qinglang-event-id'])).size).toBe(1);
    const deliveries = await t
      .http()
      .get('/v1/deliveries')
      .set({ Authorization: `Bearer ${f.apiKey}` });
    expect(deliveries.body.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 3, sanctionId: sanction.id });
    // Nothing more is sent once acknowledged.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.calls).toHaveLength(3);
  });

  it('keeps a delivery that kept failing visible, and delivers it on replay', async () => {
    let healthy = false;
    const { f, receiver } = await platformWithWebhook(() => (healthy ? 200 : 500));
    const sanction = await sanctionOnce(f, 'broken-room');
    const failed = await waitFor(
      async () => {
        const response = await t
          .http()
          .get('/v1/deliveries?status=failed')
          .set({ Authorization: `Bearer ${f.apiKey}` });
        return response.body.deliveries.length ? response.body.deliveries[0] : undefined;
      },
      'the delivery to fail for good',
      30_000,
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 4, lastError: 'HTTP 500', sanctionId: sanction.id });
    healthy = true;
    const replayed = await t
      .http()
      .post(`/v1/deliveries/${failed.id}/replay`)
      .set({ Authorization: `Bearer ${f.apiKey}` });
    expect(replayed.body).toMatchObject({ status: 'pending', attempts: 0 });
    await waitFor(async () => (receiver.acknowledged.length === 1 ? true : undefined), 'the replayed delivery', 30_000);
    expect(JSON.parse(receiver.acknowledged[0].body).sanction.id).toBe(sanction.id);
  });

  it('gives every sanction once, in order, to a platform that polls', async () => {
    const f = new ReviewFixture(t, (await t.createPlatform()).apiKey);
    const ids = [await sanctionOnce(f, 'poll-a'), await sanctionOnce(f, 'poll-b'), await sanctionOnce(f, 'poll-c')].map(
      (s) => s.id,
    );
    const seen: string[] = [];
    let cursor = 0;
    for (let page = 0; page < 5; page++) {
      const response = await t
        .http()
        .get(`/v1/sanctions?since=${cursor}&limit=2`)
        .set({ Authorization: `Bearer ${f.apiKey}` });
      seen.push(...response.body.events.map((e: { sanction: { id: string } }) => e.sanction.id));
      cursor = response.body.cursor;
    }
    expect(seen).toEqual(ids);
    // Another platform's feed does not show them.
    const other = new ReviewFixture(t, (await t.createPlatform()).apiKey);
    expect((await other.feed()).events).toEqual([]);
    const foreign = await t
      .http()
      .get(`/v1/sanctions/${ids[0]}`)
      .set({ Authorization: `Bearer ${other.apiKey}` });
    expect(foreign.status).toBe(404);
  });

  it("delivers to a platform while another platform's webhook is slow, and reads a huge reply no further than its cap", async () => {
    const slow = await platformWithWebhook(() => ({ status: 200, delayMs: 20_000 }));
    const huge = await platformWithWebhook(() => ({ status: 200, bodyBytes: 300 * 1024 * 1024 }));
    const quick = await platformWithWebhook(() => 200);
    await sanctionOnce(slow.f, 'slow-room');
    await waitFor(async () => (slow.receiver.calls.length ? true : undefined), 'the slow webhook to be called', 10_000);
    // The slow endpoint now holds a call for up to the time limit (10 s); the others' sanctions come meanwhile.
    const rssBefore = process.memoryUsage().rss;
    await sanctionOnce(huge.f, 'huge-room');
    const issued = Date.now();
    await sanctionOnce(quick.f, 'quick-room');
    await waitFor(async () => (quick.receiver.acknowledged.length ? true : undefined), 'the quick webhook', 10_000);
    expect(Date.now() - issued).toBeLessThan(5000);
    expect(slow.receiver.acknowledged).toHaveLength(0);
    await waitFor(async () => (huge.receiver.calls.length ? true : undefined), 'the huge webhook', 10_000);
    const deliveries = async () =>
      (
        await t
          .http()
          .get('/v1/deliveries')
          .set({ Authorization: `Bearer ${huge.f.apiKey}` })
      ).body.deliveries as Array<{
        status: string;
      }>;
    await waitFor(
      async () => ((await deliveries())[0]?.status === 'delivered' ? true : undefined),
      'the huge reply to count as delivered',
      10_000,
    );
    // 64 KiB of the 300 MiB reply were read: the process did not grow by the reply.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);

  it("sends a platform's events in their order: a failed one is not overtaken by the next", async () => {
    // Both events wait before the webhook is set, so the first one's retry competes with the second.
    const f = new ReviewFixture(t, (await t.createPlatform()).apiKey);
    await sanctionOnce(f, 'order-room-1');
    await sanctionOnce(f, 'order-room-2');
    const { receiver } = await setWebhook(f, (n) => (n === 1 ? 503 : 200));
    await waitFor(async () => (receiver.acknowledged.length === 2 ? true : undefined), 'both events', 30_000);
    const sequences = receiver.calls.map((c) => [(JSON.parse(c.body) as { sequence: number }).sequence, c.status]);
    expect(sequences).toEqual([
      [1, 503],
      [1, 200],
      [2, 200],
    ]);
  }, 60_000);

  it('refuses a webhook URL that is not http(s)', async () => {
    const f = new ReviewFixture(t, (await t.createPlatform()).apiKey);
    const response = await t
      .http()
      .put('/v1/webhook')
      .set({ Authorization: `Bearer ${f.apiKey}` })
      .send({ url: 'file:///etc/passwd' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_webhook_url');
  });
});
