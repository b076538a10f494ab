import { RetentionSweep, SweepReport } from './retention-sweep.service';

/** The pass's loop over runs: full batches back to back, stopping at a short batch, a held lease or the budget. */
describe('RetentionSweep.drain', () => {
  const report = (looked: number, deleted: number): SweepReport => ({
    runId: 'r',
    purged: { benign: deleted, unflagged: 0, evidence: 0 },
    segments: deleted,
    posts: 0,
    frames: 0,
    files: 0,
    bytes: 0,
    putOff: looked - deleted,
    failed: 0,
    looked,
  });
  const sweeper = (runs: Array<SweepReport | null>) => {
    const sweep = Object.create(RetentionSweep.prototype) as RetentionSweep;
    Object.assign(sweep, { config: { retention: { batchSize: 10 } } });
    const calls = { n: 0 };
    sweep.sweep = () => Promise.resolve(runs[calls.n++] ?? report(0, 0));
    return { sweep, calls };
  };

  it.each<[string, Array<SweepReport | null>, number, number]>([
    ['stops at the first short batch', [report(10, 10), report(10, 7), report(3, 3)], 3, 20],
    ['stops when nothing is due', [report(0, 0)], 1, 0],
    ['stops when another worker holds the sweep', [report(10, 10), null], 2, 10],
    ['counts only deletions, not items put off', [report(10, 2), report(4, 1)], 2, 3],
  ])('%s', async (_name, runs, expectedCalls, expectedDeleted) => {
    const { sweep, calls } = sweeper(runs);
    expect(await sweep.drain()).toBe(expectedDeleted);
    expect(calls.n).toBe(expectedCalls);
  });

  it('stops at the time budget even when every batch is full', async () => {
    const { sweep, calls } = sweeper(Array.from({ length: 1000 }, () => report(10, 10)));
    expect(await sweep.drain(0)).toBe(10);
    expect(calls.n).toBe(1);
  });
});
