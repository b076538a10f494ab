import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The deployment's one secret (32 random bytes in SECRET_KEY_PATH, created by the first process to need it and
 * shared through DATA_DIR). Other secrets derive from it with HMAC, so none is stored: a platform's webhook
 * signing secret, and the keys under which identities are compared.
 */
export class ServerSecret {
  private key?: Buffer;

  constructor(private readonly path: string) {}

  derive(purpose: string): Buffer {
    return createHmac('sha256', this.load()).update(purpose).digest();
  }

  private load(): Buffer {
    if (this.key) return this.key;
    try {
      this.key = Buffer.from(readFileSync(this.path, 'utf8').trim(), 'base64');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(dirname(this.path), { recursive: true });
      try {
        writeFileSync(this.path, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
      } catch (raced) {
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      }
      this.key = Buffer.from(readFileSync(this.path, 'utf8').trim(), 'base64');
    }
    if (this.key.length < 32) throw new Error(`${this.path} must hold at least 32 bytes, base64-encoded`);
    return this.key;
  }
}
