import { EnvironmentError, loadConfig } from './environment';

describe('audit settings', () => {
  it('default to a key and a witness inside DATA_DIR, a checkpoint every 1000 entries and every minute', () => {
    const { audit } = loadConfig({ DATA_DIR: '/srv/q' });
    expect(audit).toEqual({
      keyPath: '/srv/q/keys/audit-ed25519.pem',
      keyPem: null,
      checkpointEvery: 1000,
      checkpointSeconds: 60,
      witnessPath: '/srv/q/audit/witness.jsonl',
      witnessUrl: null,
    });
  });

  it('take a key in the environment, with its newlines escaped', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIA==\\n-----END PRIVATE KEY-----';
    expect(loadConfig({ AUDIT_KEY: pem }).audit.keyPem).toBe(
      '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----',
    );
  });

  it.each([
    [{ AUDIT_KEY: 'secret' }, 'AUDIT_KEY'],
    [{ AUDIT_CHECKPOINT_SECONDS: '0' }, 'AUDIT_CHECKPOINT_SECONDS'],
    [{ AUDIT_CHECKPOINT_SECONDS: '7200' }, 'AUDIT_CHECKPOINT_SECONDS'],
    [{ AUDIT_CHECKPOINT_EVERY: '0' }, 'AUDIT_CHECKPOINT_EVERY'],
    [{ AUDIT_WITNESS_URL: 'ftp://x' }, 'AUDIT_WITNESS_URL'],
  ])('refuse %j, naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(EnvironmentError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${name}\\b`));
  });
});
