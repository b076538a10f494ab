import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { AuditLog } from '@qinglang/audit';
import { CLOCK, Clock } from '@qinglang/config';
import { ApiError } from '@qinglang/operations';
import { isUniqueViolation, newId } from '@qinglang/persistence';
import { PolicyService } from '@qinglang/policy';
import type { StaffUser } from '@qinglang/staff';
import { Appeal, AppealStatus } from './appeal.entity';
import { Sanction } from './sanction.entity';
import { SanctionEngine } from './sanction-engine.service';
import { sanctionView } from './sanction-view';
import { Outbox } from '@qinglang/delivery';

const DAY_MS = 86_400_000;

/** Appeals: a platform submits one per sanction for its account; a senior reviewer upholds or revokes it. */
@Injectable()
export class AppealsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policy: PolicyService,
    private readonly engine: SanctionEngine,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
  ) {}

  async submit(platformId: string, sanctionId: string, statement: string): Promise<Appeal> {
    const sanction = await this.dataSource.getRepository(Sanction).findOneBy({ id: sanctionId, platformId });
    if (!sanction) throw new ApiError(404, 'sanction_not_found', `No such sanction: ${sanctionId}`);
    if (sanction.kind !== 'sanction' || !['active', 'expired'].includes(sanction.status)) {
      throw new ApiError(
        409,
        'not_appealable',
        `A ${sanction.status} ${sanction.kind === 'interim' ? 'interim action' : 'sanction'} cannot be appealed.`,
      );
    }
    const now = this.clock.now();
    const deadline = sanction.issuedAt.getTime() + this.policy.policy.sanctions.appealWindowDays * DAY_MS;
    if (now.getTime() > deadline)
      throw new ApiError(
        409,
        'appeal_window_closed',
        `Appeals for this sanction closed on ${new Date(deadline).toISOString()}.`,
      );
    const appeal = Object.assign(new Appeal(), {
      id: newId(),
      platformId,
      sanctionId,
      accountId: sanction.accountId,
      statement,
      status: 'pending',
      decidedBy: null,
      decisionNote: null,
      createdAt: now,
      decidedAt: null,
    });
    try {
      await this.dataSource.transaction(async (manager) => {
        if (await manager.existsBy(Appeal, { sanctionId }))
          throw new ApiError(409, 'appeal_exists', `Sanction ${sanctionId} already has an appeal.`);
        await manager.insert(Appeal, appeal);
        await this.audit.record(manager, {
          action: 'appeal.submitted',
          actor: { kind: 'platform', id: platformId },
          platformId,
          subject: { kind: 'sanction', id: sanctionId },
          data: { appealId: appeal.id, accountId: appeal.accountId, statement },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ApiError(409, 'appeal_exists', `Sanction ${sanctionId} already has an appeal.`);
      throw error;
    }
    return appeal;
  }

  list(filter: { status?: AppealStatus; platformId?: string }, limit = 100): Promise<Appeal[]> {
    const where: FindOptionsWhere<Appeal> = {};
    if (filter.status) where.status = filter.status;
    if (filter.platformId) where.platformId = filter.platformId;
    return this.dataSource.getRepository(Appeal).find({ where, order: { createdAt: 'ASC' }, take: limit });
  }

  async get(id: string, platformId?: string): Promise<Appeal> {
    const appeal = await this.dataSource.getRepository(Appeal).findOneBy({ id, ...(platformId ? { platformId } : {}) });
    if (!appeal) throw new ApiError(404, 'appeal_not_found', `No such appeal: ${id}`);
    return appeal;
  }

  /**
   * A senior reviewer's decision. One who took part in the sanction may not decide its appeal. Revoking ends the
   * sanction (it no longer counts as a strike) and tells the platform, like a sanction.
   */
  async decide(reviewer: StaffUser, appealId: string, outcome: 'uphold' | 'revoke', note: string): Promise<Appeal> {
    const appeal = await this.get(appealId);
    const sanction = await this.dataSource.getRepository(Sanction).findOneByOrFail({ id: appeal.sanctionId });
    if (sanction.decidedBy.includes(reviewer.id))
      throw new ApiError(
        403,
        'conflict_of_interest',
        'You took part in this sanction: another senior reviewer must decide the appeal.',
      );
    const now = this.clock.now();
    const status: AppealStatus = outcome === 'revoke' ? 'revoked' : 'upheld';
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        Appeal,
        { id: appealId, status: 'pending' },
        { status, decidedBy: reviewer.id, decisionNote: note, decidedAt: now },
      );
      if (result.affected !== 1)
        throw new ApiError(409, 'appeal_already_decided', `Appeal ${appealId} has already been decided.`);
      if (outcome === 'revoke') {
        const ended = await this.engine.end(
          manager,
          sanction,
          'revoked',
          `revoked on appeal: ${note}`,
          { kind: 'staff', id: reviewer.id },
          'sanction.revoked',
          ['active', 'expired'],
        );
        if (!ended) throw new ApiError(409, 'not_appealable', `Sanction ${sanction.id} is ${sanction.status}.`);
      } else {
        // The account appealed and is owed an answer: the platform hears an upheld appeal as it hears a revocation.
        await this.outbox.append(manager, sanction.platformId, 'sanction.appeal_upheld', sanction.id, {
          ...sanctionView(sanction),
          appeal: { id: appealId, outcome: 'upheld', note, decidedAt: now.toISOString() },
        });
      }
      await this.audit.record(manager, {
        action: `appeal.${status}`,
        actor: { kind: 'staff', id: reviewer.id },
        platformId: appeal.platformId,
        subject: { kind: 'sanction', id: sanction.id },
        data: { appealId, outcome, note, reviewerRole: reviewer.role, policyVersion: this.policy.version },
      });
    });
    return Object.assign(appeal, { status, decidedBy: reviewer.id, decisionNote: note, decidedAt: now });
  }
}
