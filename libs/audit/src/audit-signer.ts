import {
  KeyObject,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The Ed25519 key that signs audit checkpoints: from AUDIT_KEY (PEM in the environment), or a PEM file
 * (AUDIT_KEY_PATH, by default under DATA_DIR) that every process of a deployment shares, created on first use by
 * whichever process gets there first (0600, in a folder made 0700).
 */
export class AuditSigner {
  readonly publicKeyPem: string;
  readonly keyId: string;
  private readonly publicKey: KeyObject;

  private constructor(
    private readonly privateKey: KeyObject,
    /** Where the key came from: a file's path, or `null` for AUDIT_KEY. */
    readonly path: string | null,
  ) {
    if (privateKey.asymmetricKeyType !== 'ed25519')
      throw new Error(`the audit key must be an Ed25519 key, not ${privateKey.asymmetricKeyType}`);
    this.publicKey = createPublicKey(privateKey);
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = createHash('sha256')
      .update(this.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex')
      .slice(0, 16);
  }

  static fromConfig(audit: { keyPath: string; keyPem: string | null }): AuditSigner {
    return audit.keyPem ? new AuditSigner(createPrivateKey(audit.keyPem), null) : AuditSigner.load(audit.keyPath);
  }

  static load(path: string): AuditSigner {
    try {
      return new AuditSigner(createPrivateKey(readFileSync(path)), path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    try {
      writeFileSync(path, pem, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Another process created it a moment ago: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return new AuditSigner(createPrivateKey(readFileSync(path)), path);
  }

  sign(message: string): string {
    return sign(null, Buffer.from(message), this.privateKey).toString('base64');
  }

  /** Whether this key signed `message` (the public key parsed once, not per call). */
  signed(message: string, signature: string): boolean {
    try {
      return verify(null, Buffer.from(message), this.publicKey, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }

  static verify(publicKeyPem: string, message: string, signature: string): boolean {
    try {
      return verify(null, Buffer.from(message), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }
}
