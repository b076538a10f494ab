import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { newId } from '@qinglang/persistence';
import { Account } from '../entities/account.entity';
import { isUniqueViolation } from './item-lifecycle';

@Injectable()
export class AccountsService {
  constructor(@InjectRepository(Account) private readonly accounts: Repository<Account>) {}

  /** The platform's account with this external id, created on first sight (safe under concurrent requests). */
  async findOrCreate(platformId: string, externalId: string): Promise<Account> {
    const existing = await this.accounts.findOneBy({ platformId, externalId });
    if (existing) return existing;
    const account = this.accounts.create({
      id: newId(),
      platformId,
      externalId,
      identityKey: null,
      createdAt: new Date(),
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

  findById(id: string): Promise<Account | null> {
    return this.accounts.findOneBy({ id });
  }
}
