import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { AuditInput, AuditLog } from '@qinglang/audit';
import { CLOCK, Clock } from '@qinglang/config';
import { lockForTransaction, newId } from '@qinglang/persistence';
import { ApiError } from '@qinglang/operations';
import { DeliveryStatus, OutboxEvent } from './outbox-event.entity';

export type SanctionEventType =
  | 'sanction.issued'
  | 'sanction.expired'
  | 'sanction.revoked'
  | 'sanction.lifted'
  | 'sanction.replaced'
  /** An appeal was decided and the sanction stands: the platform tells the account (its `appeal` says how). */
  | 'sanction.appeal_upheld';

/** The body a platform receives, by webhook and by poll alike. */
export interface EventBody {
  id: string;
  type: SanctionEventType;
  sequence: number;
  createdAt: string;
  sanction: Record<string, unknown>;
}

/** Writes events into the outbox (inside the caller's transaction) and reads them back for the feed. */
@Injectable()
export class Outbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Appends an event for a platform. The per-platform lock holds until the caller commits, so sequences follow
   * commit order and a poller paging by sequence never skips an event that committed late.
   */
  async append(
    manager: EntityManager,
    platformId: string,
    type: SanctionEventType,
    sanctionId: string,
    sanction: Record<string, unknown>,
  ): Promise<OutboxEvent> {
    await lockForTransaction(manager, `qinglang:outbox:${platformId}`);
    const last = await manager
      .getRepository(OutboxEvent)
      .findOne({ where: { platformId }, order: { sequence: 'DESC' }, select: { id: true, sequence: true } });
    const now = this.clock.now();
    const id = newId();
    const sequence = (last?.sequence ?? 0) + 1;
    const body: EventBody = { id, type, sequence, createdAt: now.toISOString(), sanction };
    const event = Object.assign(new OutboxEvent(), {
      id,
      platformId,
      sequence,
      type,
      sanctionId,
      payload: JSON.stringify(body),
      createdAt: now,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      lastError: null,
      deliveredAt: null,
    });
    await manager.insert(OutboxEvent, event);
    return event;
  }

  /** A platform's events after a sequence number, in order: the poll feed. */
  feed(platformId: string, since: number, limit: number): Promise<OutboxEvent[]> {
    return this.dataSource
      .getRepository(OutboxEvent)
      .find({ where: { platformId, sequence: MoreThan(since) }, order: { sequence: 'ASC' }, take: limit });
  }

  list(
    filter: { platformId?: string; status?: DeliveryStatus; sanctionIds?: string[] },
    limit = 100,
  ): Promise<OutboxEvent[]> {
    return this.dataSource.getRepository(OutboxEvent).find({
      where: {
        ...(filter.platformId ? { platformId: filter.platformId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.sanctionIds ? { sanctionId: In(filter.sanctionIds) } : {}),
      },
      order: { createdAt: 'DESC', sequence: 'DESC' },
      take: limit,
    });
  }

  /**
   * Puts a delivery back in line at once, whatever happened to it before (a platform fixed its endpoint), and
   * records who did it in the audit log in the same transaction. A platform may replay only its own.
   */
  async replay(id: string, actor: AuditInput['actor'], platformId?: string): Promise<OutboxEvent> {
    return this.dataSource.transaction(async (manager) => {
      const event = await manager.findOneBy(OutboxEvent, { id, ...(platformId ? { platformId } : {}) });
      if (!event) throw new ApiError(404, 'delivery_not_found', `No such delivery: ${id}`);
      const previous = { status: event.status, attempts: event.attempts, lastError: event.lastError };
      Object.assign(event, {
        status: 'pending',
        attempts: 0,
        nextAttemptAt: this.clock.now(),
        leaseUntil: null,
        lastError: null,
      });
      await manager.update(
        OutboxEvent,
        { id },
        { status: 'pending', attempts: 0, nextAttemptAt: event.nextAttemptAt, leaseUntil: null, lastError: null },
      );
      await this.audit.record(manager, {
        action: 'delivery.replayed',
        actor,
        platformId: event.platformId,
        subject: { kind: 'sanction', id: event.sanctionId },
        data: { eventId: event.id, eventType: event.type, sequence: event.sequence, previous },
      });
      return event;
    });
  }
}
