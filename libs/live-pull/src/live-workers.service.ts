import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { CLOCK, Clock } from '@qinglang/config';
import { LiveWorker } from './live-worker.entity';

/** The worker processes that pull streams, each seen alive for one lease at a time. */
@Injectable()
export class LiveWorkersService {
  constructor(
    @InjectRepository(LiveWorker) private readonly workers: Repository<LiveWorker>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Marks this worker alive for `leaseMs`; returns how many workers are alive now (itself included). */
  async heartbeat(id: string, capacity: number, leaseMs: number): Promise<number> {
    const now = this.clock.now();
    await this.workers.save({ id, capacity, seenUntil: new Date(now.getTime() + leaseMs) });
    return this.workers.countBy({ seenUntil: MoreThan(now) });
  }

  async leave(id: string): Promise<void> {
    await this.workers.delete({ id });
  }
}
