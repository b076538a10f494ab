import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditSigner } from './audit-signer';

describe('AuditSigner', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'signer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its key 0600 in a folder made 0700 on first use, and reads the same key after', () => {
    const path = join(dir, 'keys', 'audit.pem');
    const first = AuditSigner.fromConfig({ keyPath: path, keyPem: null });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(AuditSigner.load(path).keyId).toBe(first.keyId);
    expect(first.path).toBe(path);
  });

  it('takes the key from AUDIT_KEY over the path, and creates no file', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const path = join(dir, 'never.pem');
    const signer = AuditSigner.fromConfig({ keyPath: path, keyPem: pem });
    expect(signer.path).toBeNull();
    expect(() => statSync(path)).toThrow();
    const signature = signer.sign('qinglang-audit-checkpoint:5:abc');
    expect(signer.signed('qinglang-audit-checkpoint:5:abc', signature)).toBe(true);
    expect(signer.signed('qinglang-audit-checkpoint:6:abc', signature)).toBe(false);
    expect(AuditSigner.verify(signer.publicKeyPem, 'qinglang-audit-checkpoint:5:abc', signature)).toBe(true);
  });

  it('refuses a key that is not Ed25519', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => AuditSigner.fromConfig({ keyPath: join(dir, 'x.pem'), keyPem: pem })).toThrow(/Ed25519/);
  });
});
