import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Platform } from '@qinglang/platforms';
import { QueueQuotas } from '../services/queue-quotas.service';

const ACCEPTS_WORK = 'qinglang:accepts-work';

/** On a controller whose POSTs queue work (segments, posts, chat, transcripts, tips): they pass the platform's quota. */
export const AcceptsWork = () => SetMetadata(ACCEPTS_WORK, true);

/**
 * Refuses new work from a platform over its queue quota before anything is read or written (an upload is not even
 * received). Runs after the access guard, which has found the platform.
 */
@Injectable()
export class AcceptsWorkGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly quotas: QueueQuotas,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { platform?: Platform }>();
    if (request.method !== 'POST' || !request.platform) return true;
    if (!this.reflector.getAllAndOverride<boolean>(ACCEPTS_WORK, [context.getHandler(), context.getClass()]))
      return true;
    await this.quotas.admit(request.platform);
    return true;
  }
}
