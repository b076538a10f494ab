import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError, PUBLIC_ROUTE } from '@qinglang/operations';
import { ApiKeyGuard } from '@qinglang/platforms';
import { STAFF_ROUTE } from './staff-access';
import { STAFF_TOKEN_PREFIX, StaffService } from './staff.service';
import type { StaffRole, StaffUser } from './staff-user.entity';

/**
 * The one guard of the API: platform routes take a platform key (ApiKeyGuard), staff routes a staff token of an
 * allowed role. Each kind of credential is refused on the other's routes with its own code, so a misconfigured
 * client learns what is wrong.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly platformKeys: ApiKeyGuard,
    private readonly staff: StaffService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(STAFF_ROUTE, targets);
    const request = context.switchToHttp().getRequest<Request & { staff?: StaffUser }>();
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!roles) {
      if (token?.startsWith(STAFF_TOKEN_PREFIX))
        throw new ApiError(403, 'staff_token_not_allowed', 'This endpoint is for platforms: use a platform API key.');
      return this.platformKeys.canActivate(context);
    }
    if (!token)
      throw new ApiError(401, 'missing_staff_token', 'Send your staff token as "Authorization: Bearer <token>".');
    if (!token.startsWith(STAFF_TOKEN_PREFIX))
      throw new ApiError(
        403,
        'platform_key_not_allowed',
        'This endpoint is for reviewers and compliance officers, not platforms.',
      );
    const user = await this.staff.authenticate(token);
    if (!roles.includes(user.role))
      throw new ApiError(
        403,
        'role_not_allowed',
        `This endpoint needs the role ${roles.join(' or ')}; you are ${user.role}.`,
      );
    request.staff = user;
    return true;
  }
}
