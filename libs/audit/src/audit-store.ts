import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { ChainPoint, StoredEntry } from './audit-chain';

export const PAGE = 20_000;

/**
 * The audit tables' reads and the checkpoint insert: the one place this module queries them. Each read takes the
 * caller's transaction when it has one (on SQLite a read from outside would wait for that transaction to end).
 */
@Injectable()
export class AuditStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest entry, or null for an empty log. */
  async head(manager: EntityManager = this.dataSource.manager): Promise<ChainPoint | null> {
    const last = await manager
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .select(['a.seq', 'a.hash'])
      .orderBy('a.seq', 'DESC')
      .limit(1)
      .getOne();
    return last ? { seq: last.seq, hash: last.hash } : null;
  }

  async entryAt(
    seq: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ hash: string; recordedAt: Date } | null> {
    return manager.getRepository(AuditEntry).findOne({ select: ['hash', 'recordedAt'], where: { seq } });
  }

  /** Up to `limit` entries after `after`, in order, as their hashes cover them. */
  async page(after: number, limit = PAGE): Promise<StoredEntry[]> {
    const rows: Array<Record<string, string | number | null>> = await this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .select([
        'a.seq AS seq',
        'a.recorded_at AS recorded_at',
        'a.action AS action',
        'a.actor_kind AS actor_kind',
        'a.actor_id AS actor_id',
        'a.platform_id AS platform_id',
        'a.subject_kind AS subject_kind',
        'a.subject_id AS subject_id',
        'a.data AS data',
        'a.prev_hash AS prev_hash',
        'a.hash AS hash',
      ])
      .where('a.seq > :after', { after })
      .orderBy('a.seq', 'ASC')
      .limit(limit)
      .getRawMany();
    return rows.map((r) => ({
      seq: Number(r.seq),
      recordedAtMs: Number(r.recorded_at),
      action: String(r.action),
      actorKind: String(r.actor_kind),
      actorId: String(r.actor_id),
      platformId: r.platform_id === null ? null : String(r.platform_id),
      subjectKind: String(r.subject_kind),
      subjectId: String(r.subject_id),
      data: String(r.data),
      prevHash: String(r.prev_hash),
      hash: String(r.hash),
    }));
  }

  /** Checkpoints with `after < seq <= upTo`, oldest first. */
  checkpointsBetween(after: number, upTo: number, limit?: number): Promise<AuditCheckpoint[]> {
    const query = this.dataSource
      .getRepository(AuditCheckpoint)
      .createQueryBuilder('c')
      .where('c.seq > :after AND c.seq <= :upTo', { after, upTo })
      .orderBy('c.seq', 'ASC');
    return (limit ? query.limit(limit) : query).getMany();
  }

  async lastCheckpoint(manager: EntityManager = this.dataSource.manager): Promise<AuditCheckpoint | null> {
    const [last] = await manager.getRepository(AuditCheckpoint).find({ order: { seq: 'DESC' }, take: 1 });
    return last ?? null;
  }

  newestCheckpoints(limit: number): Promise<AuditCheckpoint[]> {
    return this.dataSource.getRepository(AuditCheckpoint).find({ order: { seq: 'DESC' }, take: limit });
  }

  async insertCheckpoint(manager: EntityManager, checkpoint: AuditCheckpoint): Promise<void> {
    await manager.insert(AuditCheckpoint, checkpoint);
  }
}
