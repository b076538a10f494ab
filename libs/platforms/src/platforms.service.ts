import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditLog } from '@qinglang/audit';
import { createHash, randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { newId } from '@qinglang/persistence';
import { Platform } from './platform.entity';

const KEY_PREFIX = 'ql_';

/**
 * API keys are 32 random bytes, so a plain SHA-256 is enough to store them: there is nothing to brute-force,
 * and a deterministic hash lets a request find its platform with one indexed lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A name the operator can correct: malformed, or taken. */
export class PlatformInputError extends Error {}
export class PlatformNameTakenError extends PlatformInputError {}

@Injectable()
export class PlatformsService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectRepository(Platform) private readonly platforms: Repository<Platform>,
    private readonly audit: AuditLog,
  ) {}

  /** Creates a platform and returns its key: the only time the key exists outside the caller's hands. */
  async create(name: string): Promise<{ platform: Platform; apiKey: string }> {
    const trimmed = name.trim();
    if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,99}$/u.test(trimmed)) {
      throw new PlatformInputError('A platform name is 1-100 letters, digits, spaces, dots, dashes or underscores.');
    }
    if (await this.platforms.existsBy({ name: trimmed }))
      throw new PlatformNameTakenError(`A platform named "${trimmed}" already exists.`);
    const apiKey = KEY_PREFIX + randomBytes(32).toString('base64url');
    const platform = this.platforms.create({
      id: newId(),
      name: trimmed,
      apiKeyHash: hashApiKey(apiKey),
      apiKeyPrefix: apiKey.slice(0, 10),
      createdAt: this.clock.now(),
    });
    await this.platforms.manager.transaction(async (manager) => {
      await manager.insert(Platform, platform);
      await this.audit.record(manager, {
        action: 'platform.created',
        actor: { kind: 'operator', id: 'cli' },
        platformId: platform.id,
        subject: { kind: 'platform', id: platform.id },
        data: { name: platform.name, apiKeyPrefix: platform.apiKeyPrefix },
      });
    });
    return { platform, apiKey };
  }

  /** Every platform, oldest first: what an operator sees with `qinglang platform list` (no key, only its prefix). */
  list(): Promise<Platform[]> {
    return this.platforms.find({ order: { createdAt: 'ASC', name: 'ASC' } });
  }

  /** Whether a platform with this id exists (for staff naming one, as in a bank entry). */
  exists(id: string): Promise<boolean> {
    return this.platforms.existsBy({ id });
  }

  findByApiKey(apiKey: string): Promise<Platform | null> {
    return this.platforms.findOneBy({ apiKeyHash: hashApiKey(apiKey) });
  }
}
