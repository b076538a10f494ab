import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuditLog } from '@qinglang/audit';
import { CLOCK, Clock } from '@qinglang/config';
import { ApiError } from '@qinglang/operations';
import { newId } from '@qinglang/persistence';
import { hashApiKey } from '@qinglang/platforms';
import { PolicyService } from '@qinglang/policy';
import { STAFF_ROLES, StaffRole, StaffUser } from './staff-user.entity';

export const STAFF_TOKEN_PREFIX = 'qs_';

export class StaffInputError extends Error {}

const DAY_MS = 86_400_000;
const newToken = () => STAFF_TOKEN_PREFIX + randomBytes(32).toString('base64url');

/** When a person's current token stops working. */
export const tokenExpiry = (user: Pick<StaffUser, 'createdAt' | 'tokenIssuedAt'>, lifetimeDays: number): Date =>
  new Date((user.tokenIssuedAt ?? user.createdAt).getTime() + lifetimeDays * DAY_MS);

/** Reviewer, senior reviewer and compliance accounts: created by an operator, each with a bearer token. */
@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policy: PolicyService,
  ) {}

  /** Creates a person and returns the token: the only time it exists outside the person's hands. */
  async create(name: string, role: string): Promise<{ user: StaffUser; token: string }> {
    const trimmed = name.trim();
    if (!/^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,99}$/u.test(trimmed))
      throw new StaffInputError('A name is 1-100 letters, digits, spaces, dots, dashes, @ or underscores.');
    if (!STAFF_ROLES.includes(role as StaffRole))
      throw new StaffInputError(`A role is one of ${STAFF_ROLES.join(', ')}.`);
    const token = newToken();
    const now = this.clock.now();
    const user = Object.assign(new StaffUser(), {
      id: newId(),
      name: trimmed,
      role: role as StaffRole,
      tokenHash: hashApiKey(token),
      tokenPrefix: token.slice(0, 10),
      createdAt: now,
      tokenIssuedAt: now,
      revokedAt: null,
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

  /** The person a token belongs to, if it is still good: 401 with why when it is unknown, revoked or expired. */
  async authenticate(token: string): Promise<StaffUser> {
    const user = await this.findByToken(token);
    if (!user) throw new ApiError(401, 'invalid_staff_token', 'The staff token is not valid.');
    if (user.revokedAt)
      throw new ApiError(401, 'staff_token_revoked', 'This staff token was revoked: ask an operator for access.');
    const expiresAt = tokenExpiry(user, this.policy.policy.staff.tokenLifetimeDays);
    if (this.clock.now() >= expiresAt)
      throw new ApiError(
        401,
        'staff_token_expired',
        `This staff token expired on ${expiresAt.toISOString()}: ask an operator to rotate it.`,
      );
    return user;
  }

  /** Everyone, oldest first, with when their token expires (`qinglang staff list`; no token, only its prefix). */
  async list(): Promise<(StaffUser & { tokenExpiresAt: Date })[]> {
    const lifetimeDays = this.policy.policy.staff.tokenLifetimeDays;
    const users = await this.dataSource.getRepository(StaffUser).find({ order: { createdAt: 'ASC', name: 'ASC' } });
    return users.map((user) => Object.assign(user, { tokenExpiresAt: tokenExpiry(user, lifetimeDays) }));
  }

  /** Ends a person's access at once: their token stops working on the next request. */
  async revoke(name: string): Promise<StaffUser> {
    // The hash stays, so the person is told their token was revoked rather than that it is unknown.
    return this.change(name, 'staff.revoked', (_, now) => ({ revokedAt: now }));
  }

  /** Issues a new token (access restored if it was revoked); the old one stops working at once. */
  async rotate(name: string): Promise<{ user: StaffUser; token: string }> {
    const token = newToken();
    const user = await this.change(name, 'staff.token_rotated', (_, now) => ({
      tokenHash: hashApiKey(token),
      tokenPrefix: token.slice(0, 10),
      tokenIssuedAt: now,
      revokedAt: null,
    }));
    return { user, token };
  }

  private async change(
    name: string,
    action: string,
    fields: (user: StaffUser, now: Date) => Partial<StaffUser>,
  ): Promise<StaffUser> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(StaffUser, { name: name.trim() });
      if (!user) throw new StaffInputError(`Nobody is named "${name.trim()}".`);
      const now = this.clock.now();
      const changed = fields(user, now);
      await manager.update(StaffUser, { id: user.id }, changed);
      await this.audit.record(manager, {
        action,
        actor: { kind: 'operator', id: 'cli' },
        subject: { kind: 'staff', id: user.id },
        data: { name: user.name, role: user.role },
      });
      return Object.assign(user, changed);
    });
  }

  async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Map();
    return new Map(
      (await this.dataSource.getRepository(StaffUser).findBy({ id: In(unique) })).map((u) => [u.id, u.name]),
    );
  }
}
