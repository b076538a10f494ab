import { InProcessQueueDriver } from './in-process.driver';
import { PermanentJobError } from './job-handler';
import type { JobRunner } from './queue-driver';

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (condition() ? resolve() : setTimeout(poll, 5));
    poll();
  });
}

describe('InProcessQueueDriver', () => {
  let driver: InProcessQueueDriver;
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    driver = new InProcessQueueDriver();
  });
  afterEach(async () => {
    await driver.close();
    jest.useRealTimers();
  });

  it('runs each job once however often it is enqueued while pending', async () => {
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runner: JobRunner = async (_name, payload) => {
      seen.push((payload as { segmentId: string }).segmentId);
      await gate;
    };
    await driver.startWorkers(runner, { media: 1 });
    await driver.enqueue('segment.sample', { segmentId: 'a' });
    await driver.enqueue('segment.sample', { segmentId: 'a' });
    await driver.enqueue('segment.sample', { segmentId: 'b' });
    release();
    await jest.runAllTimersAsync();
    expect(seen).toEqual(['a', 'b']);
  });

  it('retries with exponential backoff, then stops at the attempt limit', async () => {
    const attempts: Array<{ made: number; at: number }> = [];
    const start = Date.now();
    await driver.startWorkers(async (_n, _p, attempt) => {
      attempts.push({ made: attempt.made, at: Date.now() - start });
      throw new Error('flaky');
    }, {});
    await driver.enqueue('segment.sample', { segmentId: 'x' });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(attempts.map((a) => a.made)).toEqual([0, 1, 2, 3, 4]);
    // 2 s, 4 s, 8 s, 16 s between attempts (RETRY_MEDIA)
    expect(attempts.slice(1).map((a, i) => a.at - attempts[i].at)).toEqual([2000, 4000, 8000, 16000]);
    expect((await driver.counts()).media).toMatchObject({ failed: 1, waiting: 0, delayed: 0, active: 0 });
  });

  it('does not retry an error no retry can fix', async () => {
    let calls = 0;
    await driver.startWorkers(async () => {
      calls++;
      throw new PermanentJobError('unsupported_format', 'not a video');
    }, {});
    await driver.enqueue('segment.sample', { segmentId: 'y' });
    await jest.advanceTimersByTimeAsync(60_000);
    await until(() => calls > 0);
    expect(calls).toBe(1);
  });

  it('holds jobs enqueued before the workers start', async () => {
    const seen: string[] = [];
    await driver.enqueue('post.sample', { postId: 'p' });
    await driver.startWorkers(async (name) => void seen.push(name), {});
    await jest.runAllTimersAsync();
    expect(seen).toEqual(['post.sample']);
  });
});
