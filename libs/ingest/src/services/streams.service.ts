import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { newId } from '@qinglang/persistence';
import { ApiError } from '@qinglang/operations';
import { Stream, StreamStatus } from '../entities/stream.entity';
import { AccountsService } from './accounts.service';
import { StreamSourcesService } from './stream-sources.service';
import { sourceProtocolOf } from './source-url';
import { isUniqueViolation } from './item-lifecycle';

export interface StreamChanges {
  title?: string;
  viewerCount?: number;
  status?: StreamStatus;
}

@Injectable()
export class StreamsService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(Stream) private readonly streams: Repository<Stream>,
    private readonly accounts: AccountsService,
    private readonly sources: StreamSourcesService,
  ) {}

  /**
   * Registers a stream by the platform's external id; registering it again updates it and returns the same
   * stream, so a platform can retry freely. Returns whether it was created. With a source URL, Qinglang pulls it.
   */
  async register(
    platformId: string,
    externalId: string,
    streamerId: string,
    changes: StreamChanges,
    sourceUrl?: string,
  ): Promise<{ stream: Stream; created: boolean }> {
    // A bad source URL is refused before anything is written.
    if (sourceUrl !== undefined) {
      sourceProtocolOf(sourceUrl, this.config.live);
      await this.sources.assertQuota(platformId);
    }
    const registered = await this.registerStream(platformId, externalId, streamerId, changes);
    if (sourceUrl !== undefined && registered.stream.status === 'live')
      await this.sources.attach(platformId, registered.stream.id, sourceUrl);
    return registered;
  }

  private async registerStream(
    platformId: string,
    externalId: string,
    streamerId: string,
    changes: StreamChanges,
  ): Promise<{ stream: Stream; created: boolean }> {
    const account = await this.accounts.findOrCreate(platformId, streamerId);
    const existing = await this.streams.findOneBy({ platformId, externalId });
    if (existing) {
      if (existing.accountId !== account.id) {
        throw new ApiError(
          409,
          'stream_streamer_mismatch',
          `Stream ${externalId} is already registered to another streamer.`,
        );
      }
      return { stream: await this.apply(existing, changes), created: false };
    }
    const now = this.clock.now();
    const stream = this.streams.create({
      id: newId(),
      platformId,
      externalId,
      accountId: account.id,
      title: changes.title ?? '',
      viewerCount: changes.viewerCount ?? 0,
      status: changes.status ?? 'live',
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.streams.insert(stream);
      return { stream, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.registerStream(platformId, externalId, streamerId, changes);
    }
  }

  async update(platformId: string, id: string, changes: StreamChanges): Promise<Stream> {
    return this.apply(await this.getForPlatform(platformId, id), changes);
  }

  async getForPlatform(platformId: string, id: string): Promise<Stream> {
    const stream = await this.streams.findOneBy({ id, platformId });
    if (!stream) throw new ApiError(404, 'stream_not_found', `No such stream: ${id}`);
    return stream;
  }

  async idsOfAccount(accountId: string): Promise<string[]> {
    return (await this.streams.find({ where: { accountId }, select: { id: true } })).map((s) => s.id);
  }

  /** The platform's stream with this external id (the platform's own id for it), if registered. */
  findByExternalId(platformId: string, externalId: string): Promise<Stream | null> {
    return this.streams.findOneBy({ platformId, externalId });
  }

  /** By internal id, in the caller's transaction when given one. */
  findById(id: string, manager?: EntityManager): Promise<Stream | null> {
    return (manager ? manager.getRepository(Stream) : this.streams).findOneBy({ id });
  }

  private async apply(stream: Stream, changes: StreamChanges): Promise<Stream> {
    const { title, viewerCount, status } = changes;
    const defined = Object.fromEntries(
      Object.entries({ title, viewerCount, status }).filter(([, v]) => v !== undefined),
    ) as StreamChanges;
    if (!Object.keys(defined).length) return stream;
    Object.assign(stream, defined, { updatedAt: this.clock.now() });
    await this.streams.update({ id: stream.id }, { ...defined, updatedAt: stream.updatedAt });
    // An ended stream is no longer pulled.
    if (defined.status === 'ended') await this.sources.detach(stream.id);
    return stream;
  }
}
