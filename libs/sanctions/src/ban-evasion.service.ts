import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { CLOCK, Clock, ServerSecret } from '@qinglang/config';
import { lockForTransaction } from '@qinglang/persistence';
import type { Flag } from '@qinglang/flagging';
import { FlaggingService } from '@qinglang/flagging';
import type { Account } from '@qinglang/ingest';
import { AccountsService } from '@qinglang/ingest';
import { Sanction } from './sanction.entity';

const BAN_EVASION_SEVERITY = 5;
const identityLock = (key: string) => `qinglang:identity:${key}`;

/**
 * A delisting binds the person, not only the account. Platforms send a hashed real-name identity per account;
 * Qinglang keeps only an HMAC of it under its own secret. An account whose person has a delisted account raises
 * a ban-evasion flag at once, whichever comes first: the new account's identity or the old account's delisting.
 */
@Injectable()
export class BanEvasionService {
  private readonly identityKeySecret: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly flagging: FlaggingService,
    secret: ServerSecret,
  ) {
    this.identityKeySecret = secret.derive('identity-key');
  }

  identityKey(platformId: string, identityHash: string): string {
    return createHmac('sha256', this.identityKeySecret)
      .update(`${platformId}:${identityHash.trim().toLowerCase()}`)
      .digest('hex');
  }

  /** Stores an account's identity; returns the ban-evasion flag it raised, if its person was delisted. */
  async setIdentity(
    platformId: string,
    externalId: string,
    identityHash: string,
  ): Promise<{ account: Account; flag: Flag | null }> {
    const key = this.identityKey(platformId, identityHash);
    const account = await this.accounts.findOrCreate(platformId, externalId);
    return this.dataSource.transaction(async (manager) => {
      // The same lock as afterDelisting: an identity named while that person is being delisted is seen by one
      // of the two, so neither order misses the flag.
      await lockForTransaction(manager, identityLock(key));
      await this.accounts.setIdentityKey(manager, account.id, key);
      Object.assign(account, { identityKey: key });
      if (await this.isDelisted(manager, account.id)) return { account, flag: null };
      const others = (await this.accounts.withIdentity(manager, platformId, key)).filter((a) => a.id !== account.id);
      const delisting = others.length
        ? await manager.findOne(Sanction, {
            where: { accountId: In(others.map((a) => a.id)), action: 'delisting', status: 'active' },
            order: { issuedAt: 'ASC' },
          })
        : null;
      return { account, flag: delisting ? await this.raise(manager, account, delisting) : null };
    });
  }

  /**
   * Takes the identity lock of an account's person. A delisting takes it before it writes anything audited, so
   * the order is always identity lock, then audit lock (setIdentity takes them in that order too).
   */
  async lockIdentityOf(manager: EntityManager, accountId: string): Promise<void> {
    const account = await this.accounts.findById(accountId, manager);
    if (account?.identityKey) await lockForTransaction(manager, identityLock(account.identityKey));
  }

  /** After a delisting: flags every other account of the same person that is not delisted already. */
  async afterDelisting(manager: EntityManager, sanction: Sanction): Promise<void> {
    const delisted = await this.accounts.findById(sanction.accountId, manager);
    if (!delisted?.identityKey) return;
    await lockForTransaction(manager, identityLock(delisted.identityKey));
    for (const other of await this.accounts.withIdentity(manager, sanction.platformId, delisted.identityKey)) {
      if (other.id !== delisted.id && !(await this.isDelisted(manager, other.id)))
        await this.raise(manager, other, sanction);
    }
  }

  private async isDelisted(manager: EntityManager, accountId: string): Promise<boolean> {
    return manager.existsBy(Sanction, { accountId, action: 'delisting', status: 'active' });
  }

  private raise(manager: EntityManager, account: Account, delisting: Sanction): Promise<Flag | null> {
    const facts = delisting.statement.facts as { account?: { externalId?: string } } | undefined;
    return this.flagging.raise(
      manager,
      {
        subject: { kind: 'account', id: account.id, platformId: account.platformId, accountId: account.id },
        category: 'ban_evasion',
        severity: BAN_EVASION_SEVERITY,
        source: { kind: 'sanction', id: delisting.id },
        detail: {
          delistedAccountId: delisting.accountId,
          delistedAccountExternalId: facts?.account?.externalId ?? null,
          delistingSanctionId: delisting.id,
          accountExternalId: account.externalId,
        },
        rule: 'same_identity_as_delisted_account',
      },
      this.clock.now(),
    );
  }
}
