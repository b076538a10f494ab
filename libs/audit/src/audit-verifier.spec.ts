import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ManualClock } from '@qinglang/config';
import { GENESIS_HASH, StoredEntry, checkpointMessage, entryHash } from './audit-chain';
import { AuditAppendGuard } from './audit-append-guard';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { AuditSigner } from './audit-signer';
import { AuditStore } from './audit-store';
import { AuditVerifier } from './audit-verifier';
import { appendWitnessLines } from './witness-file';
import { witnessLineOf } from './witness-line';
import { WitnessWebhook } from './witness-webhook';

/**
 * The verifier over an in-memory audit store: another process keeps appending (one checkpoint per entry, each
 * witnessed at once) while it reads, and what was committed after it read the last page must not count.
 */
describe('AuditVerifier on a busy log', () => {
  let dir: string;
  let signer: AuditSigner;
  let config: AppConfig;
  const entries: StoredEntry[] = [];
  const checkpoints: AuditCheckpoint[] = [];
  const clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));

  const checkpointOf = (entry: StoredEntry) =>
    Object.assign(new AuditCheckpoint(), {
      seq: entry.seq,
      hash: entry.hash,
      signature: signer.sign(checkpointMessage(entry.seq, entry.hash)),
      keyId: signer.keyId,
      createdAt: clock.now(),
    });

  /** One append by another process: the entry, its checkpoint, and its witness line, all committed. */
  const append = async () => {
    const seq = entries.length + 1;
    const content = {
      seq,
      recordedAtMs: clock.now().getTime(),
      action: 'test.noted',
      actorKind: 'operator',
      actorId: 'spec',
      platformId: null,
      subjectKind: 'test',
      subjectId: String(seq),
      data: '{}',
    };
    const prevHash = entries[seq - 2]?.hash ?? GENESIS_HASH;
    const entry = { ...content, prevHash, hash: entryHash(prevHash, content) };
    entries.push(entry);
    const checkpoint = checkpointOf(entry);
    checkpoints.push(checkpoint);
    await appendWitnessLines(config.audit.witnessPath, [witnessLineOf(checkpoint)]);
  };

  /** Appends right after the verifier has read the last page: the gap the race is in. */
  let appendAfterLastPage = false;
  const store = {
    lastCheckpoint: async () => checkpoints[checkpoints.length - 1] ?? null,
    page: async (after: number, limit = 20_000) => {
      const page = entries.filter((e) => e.seq > after).slice(0, limit);
      if (appendAfterLastPage && page.length < limit) await append();
      return page;
    },
    checkpointsBetween: async (after: number, upTo: number, limit?: number) =>
      checkpoints.filter((c) => c.seq > after && c.seq <= upTo).slice(0, limit),
  } as unknown as AuditStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verifier-'));
    signer = AuditSigner.load(join(dir, 'keys', 'audit.pem'));
    config = {
      dataDir: join(dir, 'data'),
      audit: { witnessPath: join(dir, 'witness', 'witness.jsonl') },
    } as AppConfig;
    for (let i = 0; i < 5; i++) await append();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const verifier = () =>
    new AuditVerifier(config, store, signer, new AuditAppendGuard(config, clock, store, signer), {
      url: null,
    } as unknown as WitnessWebhook);

  it('counts no checkpoint or witness line committed after it read the last page as a cut tail', async () => {
    appendAfterLastPage = true;
    try {
      for (let run = 0; run < 3; run++) {
        const before = entries.length;
        const result = await verifier().verify();
        expect(result).toMatchObject({ ok: true, entries: before, firstProblem: null });
        expect(entries.length).toBe(before + 1);
      }
    } finally {
      appendAfterLastPage = false;
    }
    // The lines appended meanwhile are checked by the next verify.
    expect(await verifier().verify()).toMatchObject({ ok: true, entries: 8, witness: { checked: 8 } });
  });

  it('still names a cut tail that was there when it started', async () => {
    const cut = entries.splice(6);
    try {
      expect(await verifier().verify()).toMatchObject({ ok: false, firstProblem: { seq: 7, problem: 'missing' } });
    } finally {
      entries.push(...cut);
    }
  });

  it('names the witness and the key by their settings, never by their paths', async () => {
    const result = await verifier().verify();
    expect(result.witness.setting).toBe('AUDIT_WITNESS_PATH');
    expect(result.key.setting).toBe('AUDIT_KEY_PATH');
    expect(JSON.stringify(result)).not.toContain(dir);
  });

  it('stops judging witness lines once a signed one names a rewrite: later ones cannot name anything earlier', async () => {
    const original = entries.map((e) => ({ ...e }));
    const originalCheckpoints = checkpoints.map((c) => ({ ...c }));
    // Entry 2 rewritten, every later hash recomputed and every checkpoint re-signed (the key was at hand).
    for (const entry of entries.slice(1)) {
      if (entry.seq === 2) entry.data = '{"forged":true}';
      entry.prevHash = entries[entry.seq - 2].hash;
      entry.hash = entryHash(entry.prevHash, entry);
      Object.assign(checkpoints[entry.seq - 1], checkpointOf(entry));
    }
    const signatureChecks = jest.spyOn(signer, 'signed');
    try {
      const result = await verifier().verify();
      expect(result).toMatchObject({ ok: false, firstProblem: { seq: 2, problem: 'witness_mismatch' } });
      // Lines 1 and 2 judged; 3 to 8 disagree too, but are neither judged nor signature-checked.
      expect(result.witness.checked).toBe(2);
      expect(signatureChecks.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      signatureChecks.mockRestore();
      entries.splice(0, entries.length, ...original);
      checkpoints.splice(0, checkpoints.length, ...originalCheckpoints);
    }
    expect(await verifier().verify()).toMatchObject({ ok: true });
  });
});
