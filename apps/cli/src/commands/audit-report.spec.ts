import type { VerificationResult } from '@qinglang/audit';
import { AuditPaths, describeVerification } from './audit-report';

const paths: AuditPaths = { witness: '/var/lib/witness/audit.jsonl', key: '/etc/qinglang/audit.pem' };

const base: VerificationResult = {
  ok: true,
  entries: 22,
  headHash: 'a'.repeat(64),
  checkpoints: { checked: 6, keyId: 'k1' },
  witness: {
    setting: 'AUDIT_WITNESS_PATH',
    checked: 6,
    ignored: 0,
    newest: { seq: 22, hash: 'a'.repeat(64), at: '2026-12-01T08:03:03.000Z', keyId: 'k1' },
    insideDataDir: false,
    webhook: null,
  },
  key: { keyId: 'k1', setting: 'AUDIT_KEY_PATH', insideDataDir: false },
  witnessing: { ok: true, problem: null },
  appends: { refused: false, problem: null },
  firstProblem: null,
  message: 'all 22 entries verify',
  seconds: 0.01,
};

describe('audit verify, for people', () => {
  it('gives the verdict and the witness it was held against', () => {
    expect(describeVerification(base, paths)).toBe(
      'OK: all 22 entries verify (6 signed checkpoints, 6 witness lines checked, 0.01 s)\n' +
        'witness: /var/lib/witness/audit.jsonl (newest witnessed entry 22 at 2026-12-01T08:03:03.000Z)\n' +
        'key: /etc/qinglang/audit.pem (key id k1)\n',
    );
  });

  it('names AUDIT_KEY when the key comes from the environment', () => {
    expect(
      describeVerification({ ...base, key: { ...base.key, setting: 'AUDIT_KEY' } }, { ...paths, key: null }),
    ).toContain('key: AUDIT_KEY (the environment) (key id k1)\n');
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
    [
      {
        witnessing: {
          ok: false,
          problem: {
            kind: 'witness_line_unsigned' as const,
            message: 'the newest witness line (entry 999999, …) does not verify with the audit key',
            since: '2026-12-01T08:00:00.000Z',
          },
        },
      },
      'not witnessing: the newest witness line (entry 999999, …) does not verify with the audit key',
    ],
  ])('says %j', (change, line) => {
    const lines = describeVerification({ ...base, ...change }, paths).split('\n');
    expect(lines.some((l) => l.startsWith(line))).toBe(true);
  });
});
