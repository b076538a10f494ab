import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Sanction } from './sanction.entity';

/** Reading sanctions for other modules (the review console's history, appeals with their sanctions). */
@Injectable()
export class SanctionRecords {
  constructor(@InjectRepository(Sanction) private readonly sanctions: Repository<Sanction>) {}

  byIds(ids: string[]): Promise<Sanction[]> {
    return ids.length ? this.sanctions.findBy({ id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  /** An account's sanctions, newest first. */
  historyOf(accountId: string, limit: number): Promise<Sanction[]> {
    return this.sanctions.find({ where: { accountId }, order: { issuedAt: 'DESC' }, take: limit });
  }

  getForPlatform(platformId: string, id: string): Promise<Sanction | null> {
    return this.sanctions.findOneBy({ id, platformId });
  }
}
