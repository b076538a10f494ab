import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuditLog } from '@qinglang/audit';
import { CLOCK, Clock } from '@qinglang/config';
import { newId } from '@qinglang/persistence';
import { hashApiKey } from '@qinglang/platforms';
import { STAFF_ROLES, StaffRole, StaffUser } from './staff-user.entity';

export const STAFF_TOKEN_PREFIX = 'qs_';

export class StaffInputError extends Error {}

/** Reviewer, senior reviewer and compliance accounts: created by an operator, each with a bearer token. */
@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Creates a person and returns the token: the only time it exists outside the person's hands. */
  async create(name: string, role: string): Promise<{ user: StaffUser; token: string }> {
    const trimmed = name.trim();
    if (!/^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,99}$/u.test(trimmed))
      throw new StaffInputError('A name is 1-100 letters, digits, spaces, dots, dashes, @ or underscores.');
    if (!STAFF_ROLES.includes(role as StaffRole))
      throw new StaffInputError(`A role is one of ${STAFF_ROLES.join(', ')}.`);
    const token = STAFF_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const user = Object.assign(new StaffUser(), {
      id: newId(),
      name: trimmed,
      role: role as StaffRole,
      tokenHash: hashApiKey(token),
      tokenPrefix: token.slice(0, 10),
      createdAt: this.clock.now(),
    });
    await this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(StaffUser, { name: trimmed }))
        throw new StaffInputError(`Somebody named "${trimmed}" already exists.`);
      await manager.insert(StaffUser, user);
      await this.audit.record(manager, {
        action: 'staff.created',
        actor: { kind: 'operator', id: 'cli' },
        subject: { kind: 'staff', id: user.id },
        data: { name: user.name, role: user.role },
      });
    });
    return { user, token };
  }

  findByToken(token: string): Promise<StaffUser | null> {
    return this.dataSource.getRepository(StaffUser).findOneBy({ tokenHash: hashApiKey(token) });
  }

  async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Map();
    return new Map(
      (await this.dataSource.getRepository(StaffUser).findBy({ id: In(unique) })).map((u) => [u.id, u.name]),
    );
  }
}
