import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@qinglang/audit';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { MetricsService } from '@qinglang/operations';
import { PeriodicPass } from '@qinglang/queue';
import { OutboxEvent } from './outbox-event.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhooksService } from './webhooks.service';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';
import { postWebhook } from './webhook-post';
import { guardedLookup } from '@qinglang/media';

const BATCH = 20;
const MAX_BACKOFF_MS = 3600_000;

/**
 * Posts outbox events to platform webhooks until each is acknowledged with a 2xx. Each platform has a lane of
 * its own (one at a time per process, its events in order), so a slow or broken endpoint delays only its own
 * platform's events. Several dispatchers (one per worker process) share the work through leases: an event is taken with a compare-and-set on its lease, so two
 * never send it at once, and an event whose dispatcher died is taken again when the lease runs out. Delivery is
 * at least once: a platform dedupes by the event id.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Delivery');
  private readonly periodic = new PeriodicPass('Delivery', () => this.dispatchDue());
  /** Platforms being delivered to by this process, and the lane doing it (resolves with how many it delivered). */
  private readonly lanes = new Map<string, Promise<number>>();
  private stopping = false;
  /**
   * The address is checked where it is connected to, not only when the webhook was set: a name that resolved to a
   * public address then and to a private one now (DNS rebinding) is not called.
   */
  private get lookup() {
    return guardedLookup({ allowPrivate: this.config.delivery.allowPrivate });
  }

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly webhooks: WebhooksService,
    private readonly audit: AuditLog,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role !== 'api') this.periodic.start(this.config.delivery.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    // Lanes finish the call in hand and start no other; what they leave is due again for the next process.
    this.stopping = true;
    await this.periodic.stop();
    await this.drain();
  }

  /**
   * Starts a lane for each platform with due events (and a webhook) that has none running here, up to
   * WEBHOOK_CONCURRENCY lanes at once, and returns how many it started. Lanes are not awaited: a platform whose
   * endpoint is slow holds its own lane only, and the next pass serves every other platform meanwhile.
   */
  async dispatchDue(): Promise<number> {
    const room = this.config.delivery.concurrency - this.lanes.size;
    if (room <= 0) return 0;
    const now = this.clock.now().getTime();
    const busy = [...this.lanes.keys()];
    // Only platforms with a webhook: the events of platforms that poll stay pending for ever and must not fill
    // every pass. The platform whose events have waited longest goes first.
    // Events go out in their order, so a platform is due when its first pending event is.
    const query = this.dataSource
      .getRepository(OutboxEvent)
      .createQueryBuilder('e')
      .select('e.platform_id', 'platformId')
      .innerJoin(WebhookEndpoint, 'w', 'w.platform_id = e.platform_id')
      .where({ status: 'pending' })
      .andWhere(
        `e.sequence = (SELECT MIN(p.sequence) FROM outbox_events p WHERE p.platform_id = e.platform_id AND p.status = 'pending')`,
      )
      // Instants are epoch milliseconds; find operators skip the column transformer in query builders.
      .andWhere('e.next_attempt_at <= :now AND (e.lease_until IS NULL OR e.lease_until < :now)', { now })
      .orderBy('e.next_attempt_at', 'ASC')
      .limit(room);
    if (busy.length) query.andWhere('e.platform_id NOT IN (:...busy)', { busy });
    const platforms = (await query.getRawMany<{ platformId: string }>()).map((row) => row.platformId);
    for (const platformId of platforms) {
      const lane = this.runLane(platformId).finally(() => this.lanes.delete(platformId));
      this.lanes.set(platformId, lane);
    }
    return platforms.length;
  }

  /** Waits for the lanes running now (tests, shutdown); returns how many events they delivered. */
  async drain(): Promise<number> {
    const delivered = await Promise.all(this.lanes.values());
    return delivered.reduce((sum, n) => sum + n, 0);
  }

  /**
   * One platform's pending events, one after another in their order (a platform must not get `lifted` before
   * the `issued` it lifts). The lane ends at the first event it cannot send now: not due yet (backing off after a
   * failure), held by another dispatcher, or just failed. So events never overtake each other, here or across
   * processes, and a failing endpoint costs one time limit per pass, not one per event.
   */
  private async runLane(platformId: string): Promise<number> {
    try {
      const pending = await this.dataSource
        .getRepository(OutboxEvent)
        .find({ where: { status: 'pending', platformId }, order: { sequence: 'ASC' }, take: BATCH });
      const endpoint = (await this.webhooks.endpointsOf([platformId])).get(platformId);
      if (!endpoint) return 0;
      let delivered = 0;
      for (const { id } of pending) {
        if (this.stopping) break;
        // The lease starts when the send does: a lane of slow sends must not hand out leases already run out.
        const lease = await this.lease(id, this.clock.now());
        if (!lease) break;
        // Read again under the lease: attempts and backoff as they are now, not as the batch saw them.
        const event = await this.dataSource.getRepository(OutboxEvent).findOneByOrFail({ id });
        if (!(await this.send(event, endpoint, lease))) break;
        delivered++;
      }
      return delivered;
    } catch (error) {
      this.logger.error({ message: 'delivery lane failed', platformId, error: String(error) });
      return 0;
    }
  }

  /** Takes the event until a time, if it is due and nobody holds it; returns that time, or null. */
  private async lease(id: string, now: Date): Promise<Date | null> {
    const leaseUntil = new Date(now.getTime() + this.config.delivery.timeoutMs * 2 + 5000);
    const result = await this.dataSource
      .createQueryBuilder()
      .update(OutboxEvent)
      .set({ leaseUntil })
      .where({ id, status: 'pending' })
      .andWhere('next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)', { now: now.getTime() })
      .execute();
    return result.affected === 1 ? leaseUntil : null;
  }

  private async send(
    event: OutboxEvent,
    endpoint: { url: string; platformId: string; secretId: string },
    lease: Date,
  ): Promise<boolean> {
    const attempt = event.attempts + 1;
    const signature = signatureHeader(
      this.webhooks.secretOf(endpoint as never),
      Math.floor(this.clock.now().getTime() / 1000),
      event.payload,
    );
    let error: string | null = null;
    try {
      const status = await postWebhook(
        endpoint.url,
        event.payload,
        {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signature,
          'qinglang-event-id': event.id,
          'qinglang-event-type': event.type,
        },
        { ...this.config.delivery, lookup: this.lookup },
      );
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (failure) {
      error = String(failure).slice(0, 900);
    }
    const now = this.clock.now();
    // Results are written only while this send still holds the event: a replay, or another dispatcher that took
    // it after our lease ran out, is not overwritten.
    const stillOurs = { id: event.id, status: 'pending' as const, leaseUntil: lease };
    if (!error) {
      await this.dataSource.transaction(async (manager) => {
        const result = await manager.update(OutboxEvent, stillOurs, {
          status: 'delivered',
          attempts: attempt,
          deliveredAt: now,
          leaseUntil: null,
          lastError: null,
        });
        if (result.affected !== 1) return;
        await this.audit.record(manager, {
          action: 'sanction.delivered',
          actor: { kind: 'system', id: 'delivery' },
          platformId: event.platformId,
          subject: { kind: 'sanction', id: event.sanctionId },
          data: {
            eventId: event.id,
            eventType: event.type,
            sequence: event.sequence,
            attempts: attempt,
            url: endpoint.url,
          },
        });
      });
      this.metrics.deliveries.inc({ outcome: 'delivered' });
      return true;
    }
    const giveUp = attempt >= this.config.delivery.maxAttempts;
    const backoff = Math.min(MAX_BACKOFF_MS, this.config.delivery.retryBaseMs * 2 ** (attempt - 1));
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(OutboxEvent, stillOurs, {
        status: giveUp ? 'failed' : 'pending',
        attempts: attempt,
        lastError: error,
        leaseUntil: null,
        nextAttemptAt: new Date(now.getTime() + backoff),
      });
      if (result.affected === 1 && giveUp) {
        await this.audit.record(manager, {
          action: 'delivery.failed',
          actor: { kind: 'system', id: 'delivery' },
          platformId: event.platformId,
          subject: { kind: 'sanction', id: event.sanctionId },
          data: { eventId: event.id, eventType: event.type, attempts: attempt, lastError: error },
        });
      }
    });
    this.metrics.deliveries.inc({ outcome: giveUp ? 'failed' : 'retry' });
    this.logger.warn({
      message: giveUp
        ? 'delivery failed for good; replay it once the endpoint works'
        : 'delivery attempt failed; will retry',
      event: event.id,
      attempt,
      error,
    });
    return false;
  }
}
