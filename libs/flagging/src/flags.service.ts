import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, In, LessThan, Repository } from 'typeorm';
import type { FlagLink, FlagLinksReader } from '@qinglang/ingest';
import { ApiError } from '@qinglang/operations';
import { Flag } from './flag.entity';
import { FlagEvidence } from './flag-evidence.entity';
import type { CategoryFlagRule } from './flag-policy';
import { autoActionHolds } from './flag-evaluation';

export interface FlagFilter {
  status?: Flag['status'];
  category?: Flag['category'];
  subjectKind?: Flag['subjectKind'];
  subjectId?: string;
  /** The account answerable (Qinglang's id). */
  accountId?: string;
  /** Flags opened before this flag (a cursor: the last id of the previous page). */
  before?: string;
  limit: number;
}

/** Reading flags: a platform sees its own, newest first, with their evidence. */
@Injectable()
export class FlagsService implements FlagLinksReader {
  constructor(
    @InjectRepository(Flag) private readonly flags: Repository<Flag>,
    @InjectRepository(FlagEvidence) private readonly evidence: Repository<FlagEvidence>,
  ) {}

  async list(platformId: string, filter: FlagFilter): Promise<Flag[]> {
    const where: FindOptionsWhere<Flag> = { platformId };
    for (const key of ['status', 'category', 'subjectKind', 'subjectId', 'accountId'] as const)
      if (filter[key]) Object.assign(where, { [key]: filter[key] });
    if (filter.before) where.openedAt = LessThan((await this.getForPlatform(platformId, filter.before)).openedAt);
    return this.flags.find({ where, order: { openedAt: 'DESC', id: 'DESC' }, take: filter.limit });
  }

  async getForPlatform(platformId: string, id: string): Promise<Flag> {
    const flag = await this.flags.findOneBy({ id, platformId });
    if (!flag) throw new ApiError(404, 'flag_not_found', `No such flag: ${id}`);
    return flag;
  }

  /**
   * The platform's flags holding any of these signals or sources as evidence, by the evidence's source id: the
   * links an item's GET shows. Looked up by signal id (indexed; a rule's evidence is keyed by its source's id).
   */
  async bySource(platformId: string, ids: string[]): Promise<Map<string, FlagLink[]>> {
    const links = new Map<string, FlagLink[]>();
    // Chunked: SQLite binds at most 999 parameters.
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.evidence
        .createQueryBuilder('e')
        .innerJoin(Flag, 'f', 'f.id = e.flag_id')
        .select(['e.source_id AS "sourceId"', 'f.id AS "id"', 'f.category AS "category"'])
        .addSelect(['f.status AS "status"', 'f.review_state AS "reviewState"'])
        .where('e.signal_id IN (:...ids)', { ids: ids.slice(i, i + 500) })
        .andWhere('f.platform_id = :platformId', { platformId })
        .getRawMany<{ sourceId: string } & Omit<FlagLink, 'url'>>();
      for (const { sourceId, ...flag } of rows) {
        const known = links.get(sourceId) ?? [];
        if (!known.some((k) => k.id === flag.id)) known.push({ ...flag, url: `/v1/flags/${flag.id}` });
        links.set(sourceId, known);
      }
    }
    return links;
  }

  /** Whether a stream or post has a flag open now. */
  hasOpen(subjectKind: 'stream' | 'post', subjectId: string): Promise<boolean> {
    return this.flags.existsBy({ subjectKind, subjectId, status: 'open' });
  }

  /** By id, in the caller's transaction when given one. */
  get(id: string, manager?: EntityManager): Promise<Flag | null> {
    return (manager ? manager.getRepository(Flag) : this.flags).findOneBy({ id });
  }

  /**
   * Whether a flag may interrupt its live stream before review: a creator's stream flag whose own-content evidence
   * (never viewers' chat or tips) reaches the auto-action threshold, with at least the policy's number of pieces.
   */
  async allowsAutoAction(
    flag: Flag,
    rule: Pick<CategoryFlagRule, 'autoActionThreshold' | 'autoActionMinSignals'>,
    manager?: EntityManager,
  ): Promise<boolean> {
    if (flag.party !== 'creator' || flag.subjectKind !== 'stream') return false;
    return autoActionHolds(await this.evidenceOf(flag.id, manager), rule);
  }

  /**
   * Other flags holding any of this flag's evidence (signals, not the facts a rule flag holds): the same conduct
   * seen from another subject.
   */
  async sharingEvidence(flagId: string, manager?: EntityManager): Promise<Flag[]> {
    const repository = manager ? manager.getRepository(FlagEvidence) : this.evidence;
    const rows: Array<{ flag_id: string }> = await repository
      .createQueryBuilder('other')
      .select('DISTINCT other.flag_id', 'flag_id')
      .where('other.flag_id != :flagId', { flagId })
      .andWhere(
        "other.signal_id IN (SELECT mine.signal_id FROM flag_evidence mine WHERE mine.flag_id = :flagId AND mine.model != 'rule')",
        { flagId },
      )
      .getRawMany();
    const flags: Flag[] = [];
    // Chunked: SQLite binds at most 999 parameters.
    for (let i = 0; i < rows.length; i += 900)
      flags.push(
        ...(await (manager ? manager.getRepository(Flag) : this.flags).findBy({
          id: In(rows.slice(i, i + 900).map((r) => r.flag_id)),
        })),
      );
    return flags.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  }

  /**
   * Confirmed flags against this account that hold some of this flag's evidence: its conduct was already
   * sanctioned there, and confirming this one must not strike again.
   */
  async confirmedSharing(flagId: string, accountId: string, manager?: EntityManager): Promise<Flag[]> {
    return (await this.sharingEvidence(flagId, manager)).filter(
      (f) => f.reviewState === 'confirmed' && f.accountId === accountId && f.party !== 'cluster',
    );
  }

  /** The accounts whose lines a flag holds (a cluster's senders), sorted: the order their locks are taken in. */
  async evidenceActors(flagId: string, manager?: EntityManager): Promise<string[]> {
    const evidence = await (manager ? manager.getRepository(FlagEvidence) : this.evidence).findBy({ flagId });
    return [...new Set(evidence.map((e) => e.actorAccountId ?? ''))].filter(Boolean).sort();
  }

  /**
   * A cluster's senders to sanction, and those with any of its lines already on another confirmed flag (a
   * reviewer confirmed their viewer flag first): that flood already cost them a strike, and it costs only one.
   */
  async clusterSenders(
    flagId: string,
    manager?: EntityManager,
  ): Promise<{ members: string[]; alreadySanctioned: string[] }> {
    const repository = manager ? manager.getRepository(FlagEvidence) : this.evidence;
    const evidence = await repository.findBy({ flagId });
    const confirmedElsewhere = new Set<string>();
    const ids = evidence.map((e) => e.signalId);
    // Chunked: SQLite binds at most 999 parameters.
    for (let i = 0; i < ids.length; i += 900) {
      const rows: Array<{ signal_id: string }> = await repository
        .createQueryBuilder('e')
        .innerJoin(Flag, 'f', 'f.id = e.flag_id')
        .select('e.signal_id', 'signal_id')
        .where('f.id != :flagId AND f.review_state = :confirmed', { flagId, confirmed: 'confirmed' })
        .andWhere('e.signal_id IN (:...ids)', { ids: ids.slice(i, i + 900) })
        .getRawMany();
      for (const row of rows) confirmedElsewhere.add(row.signal_id);
    }
    const bySender = new Map<string, FlagEvidence[]>();
    for (const e of evidence)
      if (e.actorAccountId) bySender.set(e.actorAccountId, [...(bySender.get(e.actorAccountId) ?? []), e]);
    const members: string[] = [];
    const alreadySanctioned: string[] = [];
    for (const [accountId, lines] of [...bySender].sort(([a], [b]) => a.localeCompare(b)))
      (lines.some((e) => confirmedElsewhere.has(e.signalId)) ? alreadySanctioned : members).push(accountId);
    return { members, alreadySanctioned };
  }

  /** A flag's evidence, read in the caller's transaction when given one. */
  evidenceOf(flagId: string, manager?: EntityManager): Promise<FlagEvidence[]> {
    return (manager ? manager.getRepository(FlagEvidence) : this.evidence).find({
      where: { flagId },
      order: { streamTimeMs: 'ASC', createdAt: 'ASC' },
    });
  }
}
