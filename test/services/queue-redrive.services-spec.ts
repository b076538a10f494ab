import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { BullmqQueueDriver, PermanentJobError, QUEUE_NAMES, QueueName, currentTenant } from '@qinglang/queue';
import { waitFor } from '../helpers/test-app';

/**
 * BullMQ keeps a finished job under its id (for an hour, a failed one for a week) and ignores an add under a held
 * id. Work that is to be done again (an item whose job spent its retries while the database was down) must run
 * again when the reconciler enqueues it, and work still waiting must not run twice.
 */
describe('re-driving work on BullMQ (Redis)', () => {
  const connection = { url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', maxRetriesPerRequest: null };
  const prefix = `qltest-redrive-${randomBytes(4).toString('hex')}`;
  let queues: Record<QueueName, Queue>;
  let driver: BullmqQueueDriver;
  const runs: string[] = [];
  let failNext = true;
  const tenants = new Map<string, string | undefined>();
  const payloads = new Map<string, unknown>();

  beforeAll(async () => {
    queues = Object.fromEntries(QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })])) as Record<
      QueueName,
      Queue
    >;
    driver = new BullmqQueueDriver(queues, { lockDurationMs: 5000 });
    await driver.startWorkers(
      async (_name, payload) => {
        const { segmentId } = payload as { segmentId: string };
        runs.push(segmentId);
        tenants.set(segmentId, currentTenant());
        payloads.set(segmentId, payload);
        if (failNext) {
          failNext = false;
          throw new PermanentJobError('database_down', 'the database was away');
        }
      },
      { media: 1 },
    );
  });
  afterAll(async () => {
    await driver?.close();
    for (const queue of Object.values(queues ?? {})) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('re-drives a job that failed for good, and one that completed; an ordinary enqueue does not', async () => {
    await driver.enqueue('segment.sample', { segmentId: 'a' });
    const failed = await waitFor(
      async () => ((await queues.media.getJobCounts('failed')).failed === 1 ? true : undefined),
      'the first run to fail',
      20_000,
    );
    expect(failed).toBe(true);

    // An ordinary hand-on leaves the failed job be (dedupe, as BullMQ does); the reconciler's re-drive runs it.
    await driver.enqueue('segment.sample', { segmentId: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs).toEqual(['a']);
    await driver.enqueue('segment.sample', { segmentId: 'a' }, { redrive: true });
    await waitFor(async () => (runs.length === 2 ? true : undefined), 'the failed job to run again', 20_000);
    await waitFor(
      async () => ((await queues.media.getJobCounts('completed')).completed === 1 ? true : undefined),
      'the second run to complete',
      20_000,
    );

    await driver.enqueue('segment.sample', { segmentId: 'a' }, { redrive: true });
    await waitFor(async () => (runs.length === 3 ? true : undefined), 'the completed job to run again', 20_000);
    expect(runs).toEqual(['a', 'a', 'a']);
  });

  it('keeps the tenant with the job and its priority (fair scheduling)', async () => {
    await driver.enqueue('segment.sample', { segmentId: 't' }, { tenant: 'platform-a', priority: 7 });
    await waitFor(async () => (runs.includes('t') ? true : undefined), 'the tenant job to run', 20_000);
    expect(tenants.get('t')).toBe('platform-a');
    const job = await queues.media.getJob('segment.sample_t');
    expect(job?.opts.priority).toBe(7);
    // The payload the handler saw carries no trace of the tenant.
    expect(payloads.get('t')).toEqual({ segmentId: 't' });
  });

  it('does not add work twice while it is still waiting', async () => {
    await driver.close();
    await driver.enqueue('segment.sample', { segmentId: 'b' });
    await driver.enqueue('segment.sample', { segmentId: 'b' }, { redrive: true });
    const counts = await queues.media.getJobCounts('waiting', 'prioritized');
    expect(counts.waiting + counts.prioritized).toBe(1);
  });
});
