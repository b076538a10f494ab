import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { PeriodicPass } from '@qinglang/queue';
import { Sanction, TIMED_ACTIONS } from './sanction.entity';
import { isDueToExpire } from './strikes';
import { SanctionEngine } from './sanction-engine.service';

/**
 * Ends suspensions when their time is up: the platform is told (`sanction.expired`; it reinstates the account
 * unless another sanction still holds it), and the audit log records it. Runs in every worker process; the compare-and-set in `end` means a suspension
 * that two sweepers find at once expires once.
 */
@Injectable()
export class SanctionExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic = new PeriodicPass('SanctionExpiry', () => this.expireDue());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly engine: SanctionEngine,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role !== 'api') this.periodic.start(this.config.sanctionSweepMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** Expires every suspension due by now; returns how many. */
  async expireDue(): Promise<number> {
    const now = this.clock.now();
    // The query narrows to candidates by index; the rule decides.
    const due = (
      await this.dataSource.getRepository(Sanction).find({
        where: { status: 'active', action: In([...TIMED_ACTIONS]), endsAt: LessThanOrEqual(now) },
        order: { endsAt: 'ASC' },
        take: 500,
      })
    ).filter((sanction) => isDueToExpire(sanction, now));
    let expired = 0;
    for (const sanction of due) {
      const ended = await this.dataSource.transaction((manager) =>
        this.engine.end(
          manager,
          sanction,
          'expired',
          `the ${sanction.durationDays}-day ${sanction.action.replace('_', ' ')} ended`,
          { kind: 'system', id: 'sanction-expiry' },
          'sanction.expired',
        ),
      );
      if (ended) expired++;
    }
    return expired;
  }
}
