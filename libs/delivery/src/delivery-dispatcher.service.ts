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

const BATCH = 20;
const MAX_BACKOFF_MS = 3600_000;

/**
 * Posts outbox events to platform webhooks until each is acknowledged with a 2xx. Several dispatchers (one per
 * worker process) share the work through leases: an event is taken with a compare-and-set on its lease, so two
 * never send it at once, and an event whose dispatcher died is taken again when the lease runs out. Delivery is
 * at least once: a platform dedupes by the event id.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Delivery');
  private readonly periodic = new PeriodicPass('Delivery', () => this.dispatchDue());

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

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** Sends every due event of platforms that have a webhook; returns how many were delivered. */
  async dispatchDue(): Promise<number> {
    const now = this.clock.now();
    // Only platforms with a webhook: the events of platforms that poll stay pending for ever and must not fill
    // every pass.
    const due = await this.dataSource
      .getRepository(OutboxEvent)
      .createQueryBuilder('e')
      .innerJoin(WebhookEndpoint, 'w', 'w.platform_id = e.platform_id')
      .where({ status: 'pending' })
      // Instants are epoch milliseconds; find operators skip the column transformer in query builders.
      .andWhere('e.next_attempt_at <= :now AND (e.lease_until IS NULL OR e.lease_until < :now)', { now: now.getTime() })
      .orderBy('e.next_attempt_at', 'ASC')
      .addOrderBy('e.sequence', 'ASC')
      .limit(BATCH)
      .getMany();
    const endpoints = await this.webhooks.endpointsOf([...new Set(due.map((e) => e.platformId))]);
    let delivered = 0;
    for (const event of due) {
      // The lease starts when the send does: a pass of slow sends must not hand out leases already run out.
      const lease = await this.lease(event, this.clock.now());
      if (!lease || !endpoints.has(event.platformId)) continue;
      if (await this.send(event, endpoints.get(event.platformId)!, lease)) delivered++;
    }
    return delivered;
  }

  /** Takes the event until a time, if nobody holds it; returns that time, or null. */
  private async lease(event: OutboxEvent, now: Date): Promise<Date | null> {
    const leaseUntil = new Date(now.getTime() + this.config.delivery.timeoutMs * 2 + 5000);
    const result = await this.dataSource
      .createQueryBuilder()
      .update(OutboxEvent)
      .set({ leaseUntil })
      .where({ id: event.id, status: 'pending' })
      .andWhere('(lease_until IS NULL OR lease_until < :now)', { now: now.getTime() })
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
      const response = await fetch(endpoint.url, {
        method: 'POST',
        body: event.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.delivery.timeoutMs),
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signature,
          'qinglang-event-id': event.id,
          'qinglang-event-type': event.type,
        },
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
    } catch (failure) {
      error = String((failure as Error)?.cause ?? failure).slice(0, 900);
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
