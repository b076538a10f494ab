import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Appeal } from './appeal.entity';
import { Sanction } from './sanction.entity';

/** The sanctions issued on some flags and the appeals against them: how long their evidence must be kept. */
@Injectable()
export class SanctionHolds {
  constructor(
    @InjectRepository(Sanction) private readonly sanctions: Repository<Sanction>,
    @InjectRepository(Appeal) private readonly appeals: Repository<Appeal>,
  ) {}

  async ofFlags(flagIds: string[]): Promise<{ sanctions: Sanction[]; appeals: Appeal[] }> {
    const sanctions: Sanction[] = [];
    // Chunked: SQLite binds at most 999 parameters.
    for (let i = 0; i < flagIds.length; i += 500)
      sanctions.push(...(await this.sanctions.findBy({ flagId: In(flagIds.slice(i, i + 500)) })));
    const appeals: Appeal[] = [];
    for (let i = 0; i < sanctions.length; i += 500)
      appeals.push(...(await this.appeals.findBy({ sanctionId: In(sanctions.slice(i, i + 500).map((s) => s.id)) })));
    return { sanctions, appeals };
  }
}
