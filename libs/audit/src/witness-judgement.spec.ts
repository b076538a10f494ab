import { ChainProblem } from './audit-chain';
import { checkpointDue, insideFolder, judgeWitnessLine, retryDelayMs } from './witness-judgement';
import { WitnessLine } from './witness-line';

const H = (c: string) => c.repeat(64);
const line = (seq: number, hash = H('a')): WitnessLine => ({
  seq,
  hash,
  signature: 'c2ln',
  keyId: 'k1',
  at: '2026-12-01T00:00:00.000Z',
});

describe('judgeWitnessLine', () => {
  const cases: Array<{
    name: string;
    line: WitnessLine;
    headSeq: number;
    hash: string | undefined;
    signed: boolean;
    checkSignature?: boolean;
    expected: Partial<ChainProblem> | null;
  }> = [
    { name: 'agrees', line: line(5), headSeq: 9, hash: H('a'), signed: true, expected: null },
    {
      name: 'agrees, unsigned, not asked to check',
      line: line(5),
      headSeq: 9,
      hash: H('a'),
      signed: false,
      expected: null,
    },
    {
      name: 'agrees, unsigned, the newest line',
      line: line(5),
      headSeq: 9,
      hash: H('a'),
      signed: false,
      checkSignature: true,
      expected: { seq: 5, problem: 'witness_signature_invalid' },
    },
    {
      name: 'the log was cut below it',
      line: line(12),
      headSeq: 9,
      hash: undefined,
      signed: true,
      expected: { seq: 10, problem: 'missing' },
    },
    {
      name: 'cut, but the line is forged',
      line: line(12),
      headSeq: 9,
      hash: undefined,
      signed: false,
      expected: { seq: 12, problem: 'witness_signature_invalid' },
    },
    {
      name: 'an empty log under a witness',
      line: line(1),
      headSeq: 0,
      hash: undefined,
      signed: true,
      expected: { seq: 1, problem: 'missing' },
    },
    {
      name: 'rewritten at or before it',
      line: line(5),
      headSeq: 9,
      hash: H('b'),
      signed: true,
      expected: { seq: 5, problem: 'witness_mismatch' },
    },
    {
      name: 'differs, but the line is forged',
      line: line(5),
      headSeq: 9,
      hash: H('b'),
      signed: false,
      expected: { seq: 5, problem: 'witness_signature_invalid' },
    },
    { name: 'the log ends at it', line: line(9), headSeq: 9, hash: H('a'), signed: true, expected: null },
  ];
  it.each(cases)('$name', ({ line, headSeq, hash, signed, checkSignature, expected }) => {
    const problem = judgeWitnessLine(line, { headSeq, hash }, () => signed, checkSignature);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatchObject(expected);
  });

  it('says what the line proves in its message', () => {
    expect(judgeWitnessLine(line(12), { headSeq: 9, hash: undefined }, () => true)!.message).toBe(
      'entries from 10 are missing: the witness holds a signed checkpoint of entry 12 (2026-12-01T00:00:00.000Z)',
    );
  });

  it('checks a signature only when it decides something', () => {
    const signed = jest.fn(() => true);
    judgeWitnessLine(line(5), { headSeq: 9, hash: H('a') }, signed);
    expect(signed).not.toHaveBeenCalled();
  });
});

describe('checkpointDue', () => {
  const now = new Date('2026-12-01T00:10:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it.each([
    ['nothing since the last checkpoint', 10, 10, ago(600_000), false],
    ['an empty log', 0, 0, null, false],
    ['the oldest uncovered entry waited 61 s', 12, 10, ago(61_000), true],
    ['it waited 56 s: due, the next pass would be late', 12, 10, ago(56_000), true],
    ['it waited 54 s: the next pass is in time', 12, 10, ago(54_000), false],
    ['a fresh log whose first entry waited a minute', 3, 0, ago(60_000), true],
  ])('%s', (_name, headSeq, lastCheckpointSeq, oldestUncoveredAt, due) => {
    expect(
      checkpointDue({
        headSeq,
        lastCheckpointSeq,
        oldestUncoveredAt,
        now,
        everyMs: 60_000,
        tickMs: 5000,
      }),
    ).toBe(due);
  });
});

describe('insideFolder', () => {
  it.each([
    ['/srv/data', '/srv/data/keys/audit.pem', true],
    ['/srv/data', '/srv/data', true],
    ['/srv/data', '/srv/data-other/audit.pem', false],
    ['/srv/data', '/etc/qinglang/audit.pem', false],
    ['/srv/data', '/srv/data/../witness.jsonl', false],
  ])('%s holds %s: %s', (folder, path, inside) => {
    expect(insideFolder(folder, path)).toBe(inside);
  });
});

describe('retryDelayMs', () => {
  it.each([
    [1, 5000],
    [2, 10_000],
    [5, 80_000],
    [20, 3_600_000],
    [1000, 3_600_000],
  ])('after %i failures waits %i ms', (failures, ms) => {
    expect(retryDelayMs(failures)).toBe(ms);
  });
});
