import type { AppConfig } from '@qinglang/config';
import { MetricsService } from '@qinglang/operations';
import type { JobHandlerRegistry } from './job-handler.registry';
import type { QueueDriver } from './queue-driver';
import { WorkerReadiness } from './worker-readiness';
import { WorkerService } from './worker.service';
import { JobQueue } from './job-queue.service';

/** The queue driver is a double here (it is downstream of the decision under test: when to start taking jobs). */
function driverDouble(name: QueueDriver['name']) {
  const started: string[] = [];
  const driver: QueueDriver = {
    name,
    enqueue: async () => undefined,
    startWorkers: async () => void started.push('workers'),
    counts: async () => ({}) as never,
    ping: async () => undefined,
    close: async () => undefined,
  };
  return { driver, started };
}

function service(role: AppConfig['role'], driver: QueueDriver, readiness: WorkerReadiness) {
  const config = {
    role,
    stuckAfterMs: 60_000,
    enqueueTimeoutMs: 2000,
    mediaConcurrency: 1,
    ml: { workers: 1 },
  } as AppConfig;
  const registry = { resolve: () => new Map(), run: async () => undefined } as unknown as JobHandlerRegistry;
  return new WorkerService(config, driver, registry, readiness, new JobQueue(driver, config), new MetricsService());
}

describe('WorkerService: jobs only once the models are ready', () => {
  const later = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  it.each<[AppConfig['role'], QueueDriver['name'], boolean]>([
    // [role, driver, takes jobs before the models are ready]
    ['worker', 'bullmq', false],
    ['all', 'bullmq', false],
    ['all', 'in-process', true],
  ])('role %s on %s: before ready → %s', async (role, driverName, before) => {
    const { driver, started } = driverDouble(driverName);
    const readiness = new WorkerReadiness();
    const model = later();
    readiness.register('porn model', () => model.promise);
    const worker = service(role, driver, readiness);
    const booting = worker.onApplicationBootstrap();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.length > 0).toBe(before);
    model.resolve();
    await booting;
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['workers']);
    await worker.onApplicationShutdown();
  });

  it('a worker whose models fail to load does not start (the process stops at boot)', async () => {
    const { driver, started } = driverDouble('bullmq');
    const readiness = new WorkerReadiness();
    readiness.register('porn model', () => Promise.reject(new Error('model file missing')));
    await expect(service('worker', driver, readiness).onApplicationBootstrap()).rejects.toThrow('model file missing');
    expect(started).toEqual([]);
  });
});
