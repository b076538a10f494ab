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
 * The Ed25519 key that signs audit checkpoints. Kept as a PEM file (AUDIT_KEY_PATH, by default under DATA_DIR)
 * that every process of a deployment shares; created on first use, by whichever process gets there first.
 */
export class AuditSigner {
  readonly publicKeyPem: string;
  readonly keyId: string;

  private constructor(private readonly privateKey: KeyObject) {
    const publicKey = createPublicKey(privateKey);
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex')
      .slice(0, 16);
  }

  static load(path: string): AuditSigner {
    try {
      return new AuditSigner(createPrivateKey(readFileSync(path)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    mkdirSync(dirname(path), { recursive: true });
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    try {
      writeFileSync(path, pem, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Another process created it a moment ago: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return new AuditSigner(createPrivateKey(readFileSync(path)));
  }

  sign(message: string): string {
    return sign(null, Buffer.from(message), this.privateKey).toString('base64');
  }

  static verify(publicKeyPem: string, message: string, signature: string): boolean {
    try {
      return verify(null, Buffer.from(message), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }
}
