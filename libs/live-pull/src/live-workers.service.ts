import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { CLOCK, Clock } from '@qinglang/config';
import { LiveWorker } from './live-worker.entity';

/** Rows of workers gone for this long are removed (a SIGKILLed worker never says goodbye). */
const FORGET_AFTER_MS = 3600_000;

/** The worker processes that pull streams, each seen alive for one lease at a time. */
@Injectable()
export class LiveWorkersService {
  constructor(
    @InjectRepository(LiveWorker) private readonly workers: Repository<LiveWorker>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Marks this worker alive for `leaseMs`; returns the capacity of all workers alive now (its own included). */
  async heartbeat(id: string, capacity: number, leaseMs: number): Promise<number> {
    const now = this.clock.now();
    await this.workers.save({ id, capacity, seenUntil: new Date(now.getTime() + leaseMs) });
    // Instants are epoch milliseconds; delete criteria would hand the transformer the operator itself.
    await this.workers
      .createQueryBuilder()
      .delete()
      .from(LiveWorker)
      .where('seen_until < :before', { before: now.getTime() - FORGET_AFTER_MS })
      .execute();
    const alive = await this.workers.find({ where: { seenUntil: MoreThan(now) }, select: { capacity: true } });
    return alive.reduce((sum, w) => sum + w.capacity, 0);
  }

  async leave(id: string): Promise<void> {
    await this.workers.delete({ id });
  }
}
