import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Flag } from './flag.entity';
import { FlagEvidence } from './flag-evidence.entity';

/** Which flags hold some signals as evidence, for any platform: what keeps media from retention's sweep. */
@Injectable()
export class FlagHolds {
  constructor(
    @InjectRepository(Flag) private readonly flags: Repository<Flag>,
    @InjectRepository(FlagEvidence) private readonly evidence: Repository<FlagEvidence>,
  ) {}

  /** The flags holding each of these signals (looked up by signal id, which ix_flag_evidence_signal indexes). */
  async holding(signalIds: string[]): Promise<Map<string, Flag[]>> {
    const flagIdsBySignal = new Map<string, Set<string>>();
    // Chunked: SQLite binds at most 999 parameters.
    for (let i = 0; i < signalIds.length; i += 500)
      for (const row of await this.evidence.find({
        select: { flagId: true, signalId: true },
        where: { signalId: In(signalIds.slice(i, i + 500)) },
      }))
        flagIdsBySignal.set(row.signalId, (flagIdsBySignal.get(row.signalId) ?? new Set()).add(row.flagId));
    const flagIds = [...new Set([...flagIdsBySignal.values()].flatMap((ids) => [...ids]))];
    const byId = new Map<string, Flag>();
    for (let i = 0; i < flagIds.length; i += 500)
      for (const flag of await this.flags.findBy({ id: In(flagIds.slice(i, i + 500)) })) byId.set(flag.id, flag);
    return new Map(
      [...flagIdsBySignal].map(([signalId, ids]) => [signalId, [...ids].flatMap((id) => byId.get(id) ?? [])]),
    );
  }
}
