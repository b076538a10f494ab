import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { CLOCK, Clock, ServerSecret } from '@qinglang/config';
import { Flag, FlaggingService } from '@qinglang/flagging';
import { Account, AccountsService } from '@qinglang/ingest';
import { Sanction } from './sanction.entity';

const BAN_EVASION_SEVERITY = 5;

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
    return createHmac('sha256', this.identityKeySecret).update(`${platformId}:${identityHash.trim().toLowerCase()}`).digest('hex');
  }

  /** Stores an account's identity; returns the ban-evasion flag it raised, if its person was delisted. */
  async setIdentity(platformId: string, externalId: string, identityHash: string): Promise<{ account: Account; flag: Flag | null }> {
    const key = this.identityKey(platformId, identityHash);
    const account = await this.accounts.setIdentityKey(platformId, externalId, key);
    const delisting = await this.activeDelisting(this.dataSource.manager, platformId, key, account.id);
    if (!delisting) return { account, flag: null };
    const flag = await this.dataSource.transaction((manager) => this.raise(manager, account, delisting));
    return { account, flag };
  }

  /** After a delisting: flags every other account of the same person. */
  async afterDelisting(manager: EntityManager, sanction: Sanction): Promise<void> {
    const delisted = await manager.findOneBy(Account, { id: sanction.accountId });
    if (!delisted?.identityKey) return;
    for (const other of await manager.findBy(Account, { platformId: sanction.platformId, identityKey: delisted.identityKey })) {
      if (other.id !== delisted.id) await this.raise(manager, other, sanction);
    }
  }

  private async activeDelisting(manager: EntityManager, platformId: string, key: string, exceptAccountId: string): Promise<Sanction | null> {
    const others = (await this.accounts.withIdentityKey(platformId, key)).filter((a) => a.id !== exceptAccountId);
    if (!others.length) return null;
    return manager.findOne(Sanction, { where: { accountId: In(others.map((a) => a.id)), action: 'delisting', status: 'active' }, order: { issuedAt: 'ASC' } });
  }

  private raise(manager: EntityManager, account: Account, delisting: Sanction): Promise<Flag | null> {
    const facts = delisting.statement.facts as { account?: { externalId?: string } } | undefined;
    return this.flagging.raise(manager, {
      subject: { kind: 'account', id: account.id, platformId: account.platformId, accountId: account.id },
      category: 'ban_evasion',
      severity: BAN_EVASION_SEVERITY,
      source: { kind: 'sanction', id: delisting.id },
      detail: { delistedAccountId: delisting.accountId, delistedAccountExternalId: facts?.account?.externalId ?? null, delistingSanctionId: delisting.id, accountExternalId: account.externalId },
      rule: 'same_identity_as_delisted_account',
    }, this.clock.now());
  }
}
