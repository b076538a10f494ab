import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerCrashedError, WorkerPool, WorkerPoolClosedError } from './worker-pool';
import type { TestRequest } from './test-pool-worker';

type Reply = { value?: number; threadId: number };
const FILE = join(__dirname, 'test-pool-worker.ts');

describe('WorkerPool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qinglang-pool-'));
  const pools: Array<WorkerPool<TestRequest, Reply>> = [];
  const pool = (size: number, workerData?: unknown) => {
    const created = new WorkerPool<TestRequest, Reply>({ name: 'test pool', file: FILE, size, workerData });
    pools.push(created);
    return created;
  };

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs tasks on every thread and answers each with its own reply', async () => {
    const p = pool(2);
    await p.start();
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => p.run({ kind: 'echo', value: i, waitMs: 30 })),
    );
    expect(replies.map((r) => r.value)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    expect(new Set(replies.map((r) => r.threadId)).size).toBe(2);
    expect(p.stats).toMatchObject({ size: 2, busy: 0, queued: 0, completed: 8, crashes: 0 });
  });

  it('sends tasks with the same affinity to the same thread while it keeps up', async () => {
    const p = pool(2);
    await p.start();
    const threads = [];
    for (let i = 0; i < 4; i++)
      threads.push((await p.run({ kind: 'echo', value: i }, { affinity: 'stream-7' })).threadId);
    expect(new Set(threads).size).toBe(1);
  });

  it('rejects a task whose handler throws, with its message, and keeps the thread', async () => {
    const p = pool(1);
    await expect(p.run({ kind: 'fail', message: 'bad frame' })).rejects.toThrow('bad frame');
    await expect(p.run({ kind: 'echo', value: 21 })).resolves.toMatchObject({ value: 42 });
    expect(p.stats.crashes).toBe(0);
  });

  it('replaces a thread that dies and runs its task again there', async () => {
    const p = pool(1);
    await p.start();
    const before = (await p.run({ kind: 'echo', value: 1 })).threadId;
    const reply = await p.run({ kind: 'crash-once', marker: join(dir, 'crash-once') });
    expect(reply.threadId).not.toBe(before);
    expect(p.stats.crashes).toBe(1);
    await expect(p.run({ kind: 'echo', value: 2 })).resolves.toMatchObject({ value: 4 });
  });

  it('gives up on a task that kills every thread it runs on, and records the crashes', async () => {
    const p = pool(1);
    await p.start();
    await expect(p.run({ kind: 'crash' })).rejects.toBeInstanceOf(WorkerCrashedError);
    expect(p.stats.crashes).toBe(2);
    await expect(p.run({ kind: 'echo', value: 5 })).resolves.toMatchObject({ value: 10 });
  });

  it('fails to start when a thread cannot load, and refuses work after', async () => {
    const p = pool(2, { failInit: true });
    await expect(p.start()).rejects.toThrow('no model here');
    await expect(p.run({ kind: 'echo', value: 1 })).rejects.toBeInstanceOf(WorkerPoolClosedError);
  });

  it('lets a running task finish, rejects queued ones and refuses new ones when closed', async () => {
    const p = pool(1);
    await p.start();
    const running = p.run({ kind: 'echo', value: 1, waitMs: 300 });
    const queued = expect(p.run({ kind: 'echo', value: 2 })).rejects.toBeInstanceOf(WorkerPoolClosedError);
    await p.close();
    await expect(running).resolves.toMatchObject({ value: 2 });
    await queued;
    await expect(p.run({ kind: 'echo', value: 3 })).rejects.toBeInstanceOf(WorkerPoolClosedError);
  });
});
