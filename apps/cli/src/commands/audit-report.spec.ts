import type { VerificationResult } from '@qinglang/audit';
import { describeVerification } from './audit-report';

const base: VerificationResult = {
  ok: true,
  entries: 22,
  headHash: 'a'.repeat(64),
  checkpoints: { checked: 6, keyId: 'k1' },
  witness: {
    path: '/var/lib/witness/audit.jsonl',
    checked: 6,
    ignored: 0,
    newest: { seq: 22, hash: 'a'.repeat(64), at: '2026-12-01T08:03:03.000Z', keyId: 'k1' },
    insideDataDir: false,
    webhook: null,
  },
  key: { keyId: 'k1', source: '/etc/qinglang/audit.pem', insideDataDir: false },
  appends: { refused: false, problem: null },
  firstProblem: null,
  message: 'all 22 entries verify',
  seconds: 0.01,
};

describe('audit verify, for people', () => {
  it('gives the verdict and the witness it was held against', () => {
    expect(describeVerification(base)).toBe(
      'OK: all 22 entries verify (6 signed checkpoints, 6 witness lines checked, 0.01 s)\n' +
        'witness: /var/lib/witness/audit.jsonl (newest witnessed entry 22 at 2026-12-01T08:03:03.000Z)\n',
    );
  });

  it.each([
    [{ key: { ...base.key, insideDataDir: true } }, 'warning: the signing key is inside DATA_DIR'],
    [
      { key: { ...base.key, insideDataDir: true }, witness: { ...base.witness, insideDataDir: true } },
      'warning: the signing key and the witness are inside DATA_DIR',
    ],
    [
      {
        witness: {
          ...base.witness,
          webhook: {
            url: 'https://compliance.example',
            deliveredSeq: 20,
            failures: 3,
            lastError: 'HTTP 503',
            nextAttemptAtMs: 0,
          },
        },
      },
      'webhook: https://compliance.example, delivered up to entry 20, failing (3 in a row: HTTP 503)',
    ],
    [
      {
        ok: false,
        message: 'entries from 18 are missing: the witness holds a signed checkpoint of entry 20 (…)',
        appends: {
          refused: true,
          problem: { seq: 18, problem: 'missing' as const, message: 'entries from 18 are missing' },
        },
      },
      'appends refused: entries from 18 are missing',
    ],
  ])('says %j', (change, line) => {
    const lines = describeVerification({ ...base, ...change }).split('\n');
    expect(lines.some((l) => l.startsWith(line))).toBe(true);
  });
});
