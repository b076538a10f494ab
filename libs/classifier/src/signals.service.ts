import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, MoreThanOrEqual, Repository } from 'typeorm';
import { PostsService, StreamsService } from '@qinglang/ingest';
import { Signal } from './signal.entity';

@Injectable()
export class SignalsService {
  constructor(
    @InjectRepository(Signal) private readonly signals: Repository<Signal>,
    private readonly streams: StreamsService,
    private readonly posts: PostsService,
  ) {}

  /**
   * Written in the caller's transaction, with the frames' status, so a crash leaves neither or both. A signal
   * whose producer is not given is the subject owner's content (frames, on-screen text, a post's text): the
   * streamer or the author is recorded as its actor.
   */
  async record(manager: EntityManager, signals: Signal[]): Promise<void> {
    await this.attributeToOwners(manager, signals);
    for (let i = 0; i < signals.length; i += 50) await manager.insert(Signal, signals.slice(i, i + 50));
  }

  private async attributeToOwners(manager: EntityManager, signals: Signal[]): Promise<void> {
    const owners = new Map<string, string | null>();
    for (const signal of signals) {
      if (signal.actorRole || !signal.subjectKind || !signal.subjectId) continue;
      const key = `${signal.subjectKind}:${signal.subjectId}`;
      if (!owners.has(key)) {
        const owner =
          signal.subjectKind === 'stream'
            ? await this.streams.findById(signal.subjectId, manager)
            : await this.posts.findById(signal.subjectId, manager);
        owners.set(key, owner?.accountId ?? null);
      }
      signal.actorRole = signal.subjectKind === 'stream' ? 'streamer' : 'author';
      signal.actorAccountId = owners.get(key) ?? null;
    }
  }

  /** Stores signals on their own, skipping any already stored for the same source and model (a re-run). */
  async recordNew(signals: Signal[]): Promise<void> {
    if (!signals.length) return;
    await this.signals.manager.transaction(async (manager) => {
      // By source kind too, so the look-up uses the (source_kind, source_id, model) key instead of reading the
      // whole table; only the key's columns are read.
      const existing = await manager.find(Signal, {
        select: { id: true, sourceKind: true, sourceId: true, model: true },
        where: {
          sourceKind: In([...new Set(signals.map((s) => s.sourceKind))]),
          sourceId: In(signals.map((s) => s.sourceId)),
        },
      });
      const seen = new Set(existing.map((s) => `${s.sourceKind}:${s.sourceId}:${s.model}`));
      await this.record(
        manager,
        signals.filter((s) => !seen.has(`${s.sourceKind}:${s.sourceId}:${s.model}`)),
      );
    });
  }

  /** A subject's signals since a time, oldest first: what flagging adds up. */
  forSubject(subjectKind: 'stream' | 'post', subjectId: string, since: Date): Promise<Signal[]> {
    return this.signals.find({
      where: { subjectKind, subjectId, createdAt: MoreThanOrEqual(since) },
      order: { createdAt: 'ASC' },
    });
  }

  /** The signals of several subjects (an account's streams and posts) since a time. */
  async forSubjects(subjectIds: string[], since: Date): Promise<Signal[]> {
    const found: Signal[] = [];
    // Chunked: SQLite binds at most 999 parameters.
    for (let i = 0; i < subjectIds.length; i += 500) {
      found.push(
        ...(await this.signals.find({
          where: { subjectId: In(subjectIds.slice(i, i + 500)), createdAt: MoreThanOrEqual(since) },
        })),
      );
    }
    return found.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** What one account produced since a time, on any stream or post (a viewer's chat across rooms). */
  forActor(actorAccountId: string, since: Date): Promise<Signal[]> {
    return this.signals.find({
      where: { actorAccountId, createdAt: MoreThanOrEqual(since) },
      order: { createdAt: 'ASC' },
    });
  }

  /** The ids of the signals of these kinds on these sources, without their payloads (an item's flag lookup). */
  async idsForSources(sourceKinds: Array<Signal['sourceKind']>, sourceIds: string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < sourceIds.length; i += 500) {
      const rows = await this.signals.find({
        select: { id: true },
        where: { sourceKind: In(sourceKinds), sourceId: In(sourceIds.slice(i, i + 500)) },
      });
      found.push(...rows.map((r) => r.id));
    }
    return found;
  }

  async forSources(sourceKind: Signal['sourceKind'], sourceIds: string[]): Promise<Signal[]> {
    const found: Signal[] = [];
    // Chunked: SQLite binds at most 999 parameters (a batch holds up to 1000 lines).
    for (let i = 0; i < sourceIds.length; i += 500)
      found.push(...(await this.signals.findBy({ sourceKind, sourceId: In(sourceIds.slice(i, i + 500)) })));
    return found;
  }
}
