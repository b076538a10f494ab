import { withoutServerPaths } from '@qinglang/operations';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, LessThan, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { ACTIVE_SOURCE_STATES, SourceState, StreamSource } from '../entities/stream-source.entity';
import { sourceProtocolOf } from './source-url';
import { ApiError } from '@qinglang/operations';
import { isUniqueViolation } from '@qinglang/persistence';

export interface PieceProgress {
  /** HLS: the media sequence number taken. */
  lastSequence?: number | null;
  offsetMs: number;
  samplingTier: string;
  sampleIntervalMs: number;
}

/**
 * The sources of pulled streams and their leases. Every write a puller makes is conditional on its lease, so a
 * worker that lost a stream (its lease lapsed and another took it) can no longer move it.
 */
@Injectable()
export class StreamSourcesService {
  constructor(
    @InjectRepository(StreamSource) private readonly sources: Repository<StreamSource>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sets a stream's source; the same URL again leaves a running pull alone, another URL starts over. */
  async attach(platformId: string, streamId: string, url: string): Promise<StreamSource> {
    const protocol = sourceProtocolOf(url, this.config.live);
    const now = this.clock.now();
    const existing = await this.sources.findOneBy({ streamId });
    if (existing && existing.url === url && ACTIVE_SOURCE_STATES.includes(existing.state)) return existing;
    if (!existing || !ACTIVE_SOURCE_STATES.includes(existing.state)) await this.assertQuota(platformId);
    const restart = {
      url,
      protocol,
      state: 'pending' as const,
      leaseOwner: null,
      leaseUntil: null,
      lastSequence: null,
      failures: 0,
      lastError: null,
      updatedAt: now,
      endedAt: null,
    };
    if (existing) {
      // Only the source and its state change: the stream time reached (offset_ms) stays as the last holder wrote
      // it, so frame times never repeat within a stream.
      await this.sources.update({ streamId }, restart);
    } else {
      try {
        await this.sources.insert({
          ...restart,
          streamId,
          platformId,
          offsetMs: 0,
          piecesPulled: 0,
          lastPieceAt: null,
          samplingTier: null,
          sampleIntervalMs: null,
          createdAt: now,
        });
      } catch (error) {
        // Two first requests at once: the other one's insert won; this one's URL replaces it.
        if (!isUniqueViolation(error)) throw error;
        await this.sources.update({ streamId }, restart);
      }
    }
    return (await this.sources.findOneBy({ streamId }))!;
  }

  /** A platform pulls at most LIVE_MAX_STREAMS_PER_PLATFORM streams at once, so none can take all the workers. */
  async assertQuota(platformId: string): Promise<void> {
    const active = await this.sources.countBy({ platformId, state: In(ACTIVE_SOURCE_STATES) });
    if (active >= this.config.live.maxStreamsPerPlatform)
      throw new ApiError(
        429,
        'pull_quota_exceeded',
        `This platform already has ${active} streams pulled (LIVE_MAX_STREAMS_PER_PLATFORM); end one or raise the limit.`,
      );
  }

  /** Stops pulling (the platform removed the source or ended the stream); the worker holding it lets go. */
  async detach(streamId: string): Promise<StreamSource | null> {
    const now = this.clock.now();
    await this.sources.update(
      { streamId, state: In(ACTIVE_SOURCE_STATES) },
      { state: 'ended', endedAt: now, updatedAt: now, leaseOwner: null, leaseUntil: null },
    );
    return this.sources.findOneBy({ streamId });
  }

  /** Streams being pulled or waiting for a worker, across all workers. */
  countActive(): Promise<number> {
    return this.sources.countBy({ state: In(ACTIVE_SOURCE_STATES) });
  }

  of(streamId: string): Promise<StreamSource | null> {
    return this.sources.findOneBy({ streamId });
  }

  /**
   * Takes up to `limit` streams whose lease is free or lapsed, each by compare-and-set, so two workers never
   * take the same one.
   */
  async claim(owner: string, limit: number, leaseMs: number): Promise<StreamSource[]> {
    if (limit <= 0) return [];
    const now = this.clock.now();
    const candidates = await this.sources.find({
      where: [
        { state: In(ACTIVE_SOURCE_STATES), leaseUntil: IsNull() },
        { state: In(ACTIVE_SOURCE_STATES), leaseUntil: LessThan(now) },
      ],
      order: { updatedAt: 'ASC' },
      take: limit * 2,
    });
    const claimed: StreamSource[] = [];
    for (const candidate of candidates) {
      if (claimed.length >= limit) break;
      const until = new Date(now.getTime() + leaseMs);
      const result = await this.sources
        .createQueryBuilder()
        .update(StreamSource)
        .set({ leaseOwner: owner, leaseUntil: until, updatedAt: now })
        .where({ streamId: candidate.streamId, state: In(ACTIVE_SOURCE_STATES) })
        // Instants are epoch milliseconds; find operators skip the column transformer in query builders.
        .andWhere('(lease_until IS NULL OR lease_until < :now)', { now: now.getTime() })
        .execute();
      if (result.affected !== 1) continue;
      // Read again once ours: the previous holder may have recorded a piece between the read and the take-over.
      const fresh = await this.sources.findOneBy({ streamId: candidate.streamId, leaseOwner: owner });
      if (fresh) claimed.push(fresh);
    }
    return claimed;
  }

  /** Extends the leases this worker still holds on active streams; returns the ids it still holds. */
  async renew(owner: string, streamIds: string[], leaseMs: number): Promise<Set<string>> {
    if (!streamIds.length) return new Set();
    const now = this.clock.now();
    await this.sources.update(
      { streamId: In(streamIds), leaseOwner: owner, state: In(ACTIVE_SOURCE_STATES) },
      { leaseUntil: new Date(now.getTime() + leaseMs) },
    );
    const held = await this.sources.find({
      where: { streamId: In(streamIds), leaseOwner: owner, state: In(ACTIVE_SOURCE_STATES) },
      select: { streamId: true },
    });
    return new Set(held.map((s) => s.streamId));
  }

  /** Records a piece taken and queued; false when this worker no longer holds the stream. */
  async recordPiece(owner: string, streamId: string, progress: PieceProgress): Promise<boolean> {
    const now = this.clock.now();
    const source = await this.sources.findOneBy({ streamId, leaseOwner: owner });
    if (!source || !ACTIVE_SOURCE_STATES.includes(source.state)) return false;
    const result = await this.sources.update(
      { streamId, leaseOwner: owner, state: In(ACTIVE_SOURCE_STATES) },
      {
        state: 'pulling',
        offsetMs: progress.offsetMs,
        ...(progress.lastSequence !== undefined ? { lastSequence: progress.lastSequence } : {}),
        piecesPulled: source.piecesPulled + 1,
        samplingTier: progress.samplingTier,
        sampleIntervalMs: progress.sampleIntervalMs,
        lastPieceAt: now,
        failures: 0,
        lastError: null,
        updatedAt: now,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Moves a held stream to a state: `pulling` once connected, `reconnecting` after a failure, or an end. */
  async setState(owner: string, streamId: string, state: SourceState, error?: string): Promise<boolean> {
    const now = this.clock.now();
    const ending = state === 'ended' || state === 'failed';
    const source = await this.sources.findOneBy({ streamId, leaseOwner: owner });
    if (!source || !ACTIVE_SOURCE_STATES.includes(source.state)) return false;
    const result = await this.sources.update(
      { streamId, leaseOwner: owner, state: In(ACTIVE_SOURCE_STATES) },
      {
        state,
        updatedAt: now,
        ...(state === 'reconnecting' ? { failures: source.failures + 1 } : {}),
        ...(error !== undefined ? { lastError: withoutServerPaths(error).slice(0, 500) } : {}),
        ...(ending ? { endedAt: now, leaseOwner: null, leaseUntil: null } : {}),
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Lets go of a stream (the worker is shutting down): another worker takes it at once. */
  async release(owner: string, streamId: string): Promise<void> {
    await this.sources.update({ streamId, leaseOwner: owner }, { leaseOwner: null, leaseUntil: null });
  }
}
