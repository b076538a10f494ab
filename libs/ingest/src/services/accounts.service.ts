import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { newId } from '@qinglang/persistence';
import { Account } from '../entities/account.entity';
import { isUniqueViolation } from './item-lifecycle';

@Injectable()
export class AccountsService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
  ) {}

  /** The platform's account with this external id, created on first sight (safe under concurrent requests). */
  async findOrCreate(platformId: string, externalId: string): Promise<Account> {
    const existing = await this.accounts.findOneBy({ platformId, externalId });
    if (existing) return existing;
    const account = this.accounts.create({
      id: newId(),
      platformId,
      externalId,
      identityKey: null,
      createdAt: this.clock.now(),
    });
    try {
      await this.accounts.insert(account);
      return account;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.accounts.findOneByOrFail({ platformId, externalId });
    }
  }

  /** The platform's external ids of these accounts, by internal id. */
  async externalIds(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    return new Map((await this.accounts.findBy({ id: In([...new Set(ids)]) })).map((a) => [a.id, a.externalId]));
  }

  /** The platform's account with this external id (the platform's own id for it), if Qinglang has seen it. */
  findByExternalId(platformId: string, externalId: string): Promise<Account | null> {
    return this.accounts.findOneBy({ platformId, externalId });
  }

  /** By internal id, in the caller's transaction when given one. */
  findById(id: string, manager?: EntityManager): Promise<Account | null> {
    return this.repository(manager).findOneBy({ id });
  }

  /** The platform's accounts of one person (by identity key), in the caller's transaction. */
  withIdentity(manager: EntityManager, platformId: string, identityKey: string): Promise<Account[]> {
    return this.repository(manager).findBy({ platformId, identityKey });
  }

  async setIdentityKey(manager: EntityManager, accountId: string, identityKey: string): Promise<void> {
    await this.repository(manager).update({ id: accountId }, { identityKey });
  }

  private repository(manager?: EntityManager): Repository<Account> {
    return manager ? manager.getRepository(Account) : this.accounts;
  }
}
