import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError, PUBLIC_ROUTE } from '@qinglang/operations';
import { Platform } from './platform.entity';
import { PlatformsService } from './platforms.service';
import { RateLimiter } from './limits/rate-limiter.service';

type RequestWithPlatform = Request & { platform?: Platform };

/** Every /v1 call carries `Authorization: Bearer <key>`; the platform it names scopes everything after. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly platforms: PlatformsService,
    private readonly reflector: Reflector,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<RequestWithPlatform>();
    const header = request.headers.authorization;
    if (!header)
      throw new ApiError(401, 'missing_api_key', 'Send the platform API key as "Authorization: Bearer <key>".');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError(401, 'malformed_authorization', 'The Authorization header must be "Bearer <key>".');
    const platform = await this.platforms.findByApiKey(match[1]);
    if (!platform) throw new ApiError(401, 'invalid_api_key', 'The API key is not valid.');
    this.rateLimiter.take(platform);
    request.platform = platform;
    return true;
  }
}

/** The authenticated platform of this request. */
export const CurrentPlatform = createParamDecorator((_: unknown, context: ExecutionContext): Platform => {
  return context.switchToHttp().getRequest<RequestWithPlatform>().platform as Platform;
});
