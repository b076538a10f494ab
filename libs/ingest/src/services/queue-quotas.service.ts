import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RetryLaterError } from '@qinglang/operations';
import { JobQueue } from '@qinglang/queue';
import { Platform, TenantLimitsService } from '@qinglang/platforms';
import { HANDOFF_STAGES, WORKING_STAGES } from '../entities/item-status';

const UNFINISHED_STAGES = [...HANDOFF_STAGES, ...WORKING_STAGES];

interface Load {
  items: number;
  mediaSeconds: number;
}

/** A recount at most this often per platform; between recounts the items admitted here are added on. */
const RECOUNT_MS = 1000;
const RETRY_AFTER_SECONDS = 10;

/**
 * How much unfinished work each platform has queued, and the gate that refuses more past its quota (429
 * `quota_exceeded`): one platform's backlog is bounded, so it cannot grow the queue for everyone. Counted from the
 * item tables (the truth), at most once a second per platform.
 */
@Injectable()
export class QueueQuotas implements OnModuleInit {
  private readonly loads = new Map<string, { load: Promise<Load>; countedAtMs: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly limits: TenantLimitsService,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    // The same counts order the jobs on BullMQ: the more a platform has queued, the later its next job runs.
    this.jobs.measureTenantsWith((platformId) => this.queuedItems(platformId));
  }

  async admit(platform: Pick<Platform, 'id' | 'name'>): Promise<void> {
    const limits = this.limits.of(platform.name);
    const load = await this.load(platform.id);
    const over =
      load.items >= limits.queuedItems
        ? { quota: 'queued_items', limit: limits.queuedItems, queued: load.items }
        : load.mediaSeconds >= limits.queuedMediaSeconds
          ? { quota: 'queued_media_seconds', limit: limits.queuedMediaSeconds, queued: Math.round(load.mediaSeconds) }
          : null;
    if (over)
      throw new RetryLaterError(
        429,
        'quota_exceeded',
        `This platform has ${over.queued} ${over.quota === 'queued_items' ? 'items' : 'seconds of media'} queued, its quota is ${over.limit}: send more once some have finished.`,
        RETRY_AFTER_SECONDS,
        over,
      );
    load.items++;
  }

  /** Unfinished items of a platform (for fair scheduling: the more queued, the later its next job). */
  async queuedItems(platformId: string): Promise<number> {
    return (await this.load(platformId)).items;
  }

  private load(platformId: string): Promise<Load> {
    const cached = this.loads.get(platformId);
    if (cached && Date.now() - cached.countedAtMs < RECOUNT_MS) return cached.load;
    // One count in flight per platform: requests arriving meanwhile share it (and its increments), so a burst at
    // the moment of a recount cannot each start from the same stale number.
    const load = this.count(platformId);
    this.loads.set(platformId, { load, countedAtMs: Date.now() });
    load.catch(() => this.loads.delete(platformId));
    return load;
  }

  private async count(platformId: string): Promise<Load> {
    // The stages listed (not "not terminal"), so the (stage, updated_at) index finds the few unfinished rows
    // instead of the platform's whole history.
    const stages = UNFINISHED_STAGES.map((stage) => `'${stage}'`).join(', ');
    const unfinished = `stage IN (${stages}) AND platform_id = $1`;
    const assumedMs = this.limits.limits.assumedSegmentSeconds * 1000;
    const parameter =
      this.dataSource.options.type === 'postgres' ? (sql: string) => sql : (sql: string) => sql.replaceAll('$1', '?');
    const [row] = await this.dataSource.query<Array<{ items: number | string; media_ms: number | string | null }>>(
      parameter(
        `SELECT
           (SELECT COUNT(*) FROM segments WHERE ${unfinished})
         + (SELECT COUNT(*) FROM posts WHERE ${unfinished})
         + (SELECT COUNT(*) FROM text_batches WHERE ${unfinished})
         + (SELECT COUNT(*) FROM tip_batches WHERE ${unfinished}) AS items,
           (SELECT SUM(COALESCE(duration_ms, ${assumedMs})) FROM segments WHERE ${unfinished}) AS media_ms`,
      ),
      this.dataSource.options.type === 'postgres' ? [platformId] : Array(5).fill(platformId),
    );
    return { items: Number(row.items), mediaSeconds: Number(row.media_ms ?? 0) / 1000 };
  }
}
