import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, LessThan, Repository } from 'typeorm';
import { ApiError } from '@qinglang/operations';
import { Flag } from './flag.entity';
import { FlagEvidence } from './flag-evidence.entity';

export interface FlagFilter {
  status?: Flag['status'];
  category?: Flag['category'];
  subjectKind?: Flag['subjectKind'];
  subjectId?: string;
  /** Flags opened before this flag (a cursor: the last id of the previous page). */
  before?: string;
  limit: number;
}

/** Reading flags: a platform sees its own, newest first, with their evidence. */
@Injectable()
export class FlagsService {
  constructor(
    @InjectRepository(Flag) private readonly flags: Repository<Flag>,
    @InjectRepository(FlagEvidence) private readonly evidence: Repository<FlagEvidence>,
  ) {}

  async list(platformId: string, filter: FlagFilter): Promise<Flag[]> {
    const where: FindOptionsWhere<Flag> = { platformId };
    for (const key of ['status', 'category', 'subjectKind', 'subjectId'] as const)
      if (filter[key]) Object.assign(where, { [key]: filter[key] });
    if (filter.before) where.openedAt = LessThan((await this.getForPlatform(platformId, filter.before)).openedAt);
    return this.flags.find({ where, order: { openedAt: 'DESC', id: 'DESC' }, take: filter.limit });
  }

  async getForPlatform(platformId: string, id: string): Promise<Flag> {
    const flag = await this.flags.findOneBy({ id, platformId });
    if (!flag) throw new ApiError(404, 'flag_not_found', `No such flag: ${id}`);
    return flag;
  }

  /** Whether a stream or post has a flag open now. */
  hasOpen(subjectKind: 'stream' | 'post', subjectId: string): Promise<boolean> {
    return this.flags.existsBy({ subjectKind, subjectId, status: 'open' });
  }

  /** By id, in the caller's transaction when given one. */
  get(id: string, manager?: EntityManager): Promise<Flag | null> {
    return (manager ? manager.getRepository(Flag) : this.flags).findOneBy({ id });
  }

  /** A flag's evidence, read in the caller's transaction when given one. */
  evidenceOf(flagId: string, manager?: EntityManager): Promise<FlagEvidence[]> {
    return (manager ? manager.getRepository(FlagEvidence) : this.evidence).find({
      where: { flagId },
      order: { streamTimeMs: 'ASC', createdAt: 'ASC' },
    });
  }
}
