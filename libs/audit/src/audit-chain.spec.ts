import { ChainVerifier, GENESIS_HASH, StoredEntry, canonicalJson, entryHash } from './audit-chain';

function chain(length: number): StoredEntry[] {
  const entries: StoredEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const content = {
      seq,
      recordedAtMs: 1_700_000_000_000 + seq,
      action: 'flag.opened',
      actorKind: 'system',
      actorId: 'flagging',
      platformId: 'p1',
      subjectKind: 'flag',
      subjectId: `f${seq}`,
      data: canonicalJson({ n: seq }),
    };
    const hash = entryHash(prevHash, content);
    entries.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

describe('audit chain', () => {
  it('writes canonical JSON with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  it('verifies an intact chain fed in pages', () => {
    const entries = chain(10);
    const verifier = new ChainVerifier();
    expect(verifier.feed(entries.slice(0, 4)) && verifier.feed(entries.slice(4))).toBe(true);
    expect(verifier.count).toBe(10);
    expect(verifier.headHash).toBe(entries[9].hash);
  });

  it('names the one entry whose content changed', () => {
    const entries = chain(10);
    entries[6] = { ...entries[6], actorId: 'somebody-else' };
    const verifier = new ChainVerifier();
    expect(verifier.feed(entries)).toBe(false);
    expect(verifier.problem).toMatchObject({ seq: 7, problem: 'content_altered' });
  });

  it('names a deleted entry as a gap', () => {
    const entries = chain(10);
    entries.splice(3, 1);
    const verifier = new ChainVerifier();
    verifier.feed(entries);
    expect(verifier.problem).toMatchObject({ seq: 4, problem: 'missing' });
  });

  it('catches an entry rewritten with a fresh hash by the broken link after it', () => {
    const entries = chain(10);
    const forged = { ...entries[2], data: canonicalJson({ n: 99 }) };
    forged.hash = entryHash(forged.prevHash, forged);
    entries[2] = forged;
    const verifier = new ChainVerifier();
    verifier.feed(entries);
    expect(verifier.problem).toMatchObject({ seq: 4, problem: 'link_broken' });
  });

  it('checks from a trusted point: the entries after it, linked to its hash', () => {
    const entries = chain(10);
    const verifier = new ChainVerifier({ seq: 6, hash: entries[5].hash });
    expect(verifier.feed(entries.slice(6))).toBe(true);
    expect(verifier.count).toBe(4);
    expect(verifier.headSeq).toBe(10);
    const elsewhere = new ChainVerifier({ seq: 6, hash: entries[4].hash });
    elsewhere.feed(entries.slice(6));
    expect(elsewhere.problem).toMatchObject({ seq: 7, problem: 'link_broken' });
    expect(elsewhere.headSeq).toBe(6);
  });
});
