import { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { verifySignature } from '@qinglang/delivery';
import { TestApp, TestBackends, serviceBackends, startTestApp, waitFor } from '../helpers/test-app';
import { GAMBLING_LINES, ReviewFixture } from '../helpers/review-client';
import { WebhookReceiver } from '../helpers/webhook-receiver';
import { startWorker } from '../helpers/worker-process';

/**
 * Nothing lost on the way out: the sanction is committed with its outbox event; the worker sending it is killed
 * mid-send; a new worker delivers it once the dead one's lease runs out, and the platform acknowledges it once.
 */
describe('worker killed between commit and send (PostgreSQL + BullMQ, separate processes)', () => {
  let backends: TestBackends;
  let api: TestApp;
  let receiver: WebhookReceiver;
  const workers: ChildProcess[] = [];
  const deliveryEnv = {
    WEBHOOK_ALLOW_PRIVATE: 'true',
    DELIVERY_POLL_MS: '200',
    WEBHOOK_TIMEOUT_MS: '1000',
    WEBHOOK_RETRY_BASE_MS: '200',
  };

  beforeAll(async () => {
    backends = await serviceBackends();
    api = await startTestApp(backends, { QL_ROLE: 'api', ...deliveryEnv });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await receiver?.stop();
    await api?.close();
    await backends?.cleanup();
  });

  it('delivers the sanction exactly once after the sending worker dies', async () => {
    // The first call never gets an answer: the worker is killed while it waits for it.
    receiver = new WebhookReceiver((n) => (n === 1 ? 'hang' : 200));
    const f = new ReviewFixture(api, (await api.createPlatform()).apiKey);
    const { body: webhook } = await api
      .http()
      .put('/v1/webhook')
      .set({ Authorization: `Bearer ${f.apiKey}` })
      .send({ url: await receiver.start() });
    const reviewer = (await api.createStaff('reviewer')).token;

    const first = await startWorker({ ...backends.env, ...deliveryEnv });
    workers.push(first);
    const streamId = await f.stream('crash-delivery', 'crash-host');
    await f.chat(streamId, [GAMBLING_LINES[0]]);
    const [flag] = await f.openFlags(streamId, 'gambling');
    const { sanction } = await f.claimAndConfirm(reviewer, flag.id, 'gambling_promotion');

    await waitFor(async () => (receiver.calls.length ? true : undefined), 'the first worker to start sending', 30_000);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const db = api.app.get(DataSource);
    const [pending] = await db.query(`SELECT status FROM outbox_events WHERE sanction_id = $1`, [sanction.id]);
    expect(pending.status).toBe('pending');

    workers.push(await startWorker({ ...backends.env, ...deliveryEnv }));
    await waitFor(async () => (receiver.acknowledged.length ? true : undefined), 'the new worker to deliver', 60_000);
    const [delivered] = receiver.acknowledged;
    expect(JSON.parse(delivered.body)).toMatchObject({ type: 'sanction.issued', sanction: { id: sanction.id } });
    expect(
      verifySignature(
        delivered.headers['qinglang-signature'] as string,
        delivered.body,
        webhook.secret,
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(true);
    await waitFor(
      async () =>
        (await db.query(`SELECT status FROM outbox_events WHERE sanction_id = $1`, [sanction.id]))[0].status ===
        'delivered'
          ? true
          : undefined,
      'the event to be marked delivered',
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.acknowledged).toHaveLength(1);
  });
});
