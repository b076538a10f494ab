import { WorkerReadiness } from './worker-readiness';

/** A check that ends when the test says so. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { check: () => done, open, fail };
}

describe('WorkerReadiness', () => {
  it('is starting with every check pending until asked, and touches none before the next turn of the event loop', async () => {
    const readiness = new WorkerReadiness();
    let calls = 0;
    readiness.register('porn model', async () => void calls++);
    expect(readiness.status()).toEqual({ state: 'starting', checks: { 'porn model': 'pending' } });
    const ready = readiness.ready();
    expect(calls).toBe(0);
    await expect(ready).resolves.toEqual(['porn model']);
    expect(calls).toBe(1);
    expect(readiness.status()).toEqual({ state: 'ready', checks: { 'porn model': 'ready' } });
  });

  it('shows each check as it goes, runs them once for every caller, and is ready when all are', async () => {
    const readiness = new WorkerReadiness();
    const [model, threads] = [gate(), gate()];
    let runs = 0;
    readiness.register('porn model', () => (runs++, model.check()));
    readiness.register('threads', threads.check);
    const [a, b] = [readiness.ready(), readiness.ready()];
    await new Promise((resolve) => setImmediate(resolve));
    expect(readiness.status()).toEqual({ state: 'starting', checks: { 'porn model': 'loading', threads: 'loading' } });
    model.open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(readiness.status().checks).toEqual({ 'porn model': 'ready', threads: 'loading' });
    threads.open();
    await expect(Promise.all([a, b])).resolves.toEqual([
      ['porn model', 'threads'],
      ['porn model', 'threads'],
    ]);
    expect(runs).toBe(1);
    expect(readiness.status().state).toBe('ready');
  });

  it('fails when a check fails, and runs the checks again when asked again', async () => {
    const readiness = new WorkerReadiness();
    let attempt = 0;
    readiness.register('OCR', async () => {
      if (++attempt === 1) throw new Error('language model missing');
    });
    await expect(readiness.ready()).rejects.toThrow('language model missing');
    expect(readiness.status()).toEqual({ state: 'failed', checks: { OCR: 'failed' } });
    await expect(readiness.ready()).resolves.toEqual(['OCR']);
    expect(readiness.status().state).toBe('ready');
  });

  it('is ready at once with nothing registered', async () => {
    const readiness = new WorkerReadiness();
    expect(readiness.status().state).toBe('ready');
    await expect(readiness.ready()).resolves.toEqual([]);
  });
});
