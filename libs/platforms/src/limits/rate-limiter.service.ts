import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { RetryLaterError } from '@qinglang/operations';
import type { Platform } from '../platform.entity';
import { TenantLimitsService } from './tenant-limits.service';
import { Bucket, takeToken } from './token-bucket';

/**
 * One token bucket per platform key, in this process's memory: a platform flooding the API is refused here, after
 * one indexed key lookup, before any of its calls reaches a service or the queue.
 */
@Injectable()
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly limits: TenantLimitsService,
  ) {}

  take(platform: Pick<Platform, 'id' | 'name'>): void {
    const { requestsPerSecond, burst } = this.limits.of(platform.name);
    const take = takeToken(
      this.buckets.get(platform.id),
      { perSecond: requestsPerSecond, burst },
      this.clock.now().getTime(),
    );
    this.buckets.set(platform.id, take.bucket);
    if (!take.allowed) {
      throw new RetryLaterError(
        429,
        'rate_limited',
        `More than ${requestsPerSecond} requests a second (bursts of ${burst}) from this key; retry after the time in Retry-After.`,
        Math.max(1, Math.ceil(take.retryAfterMs / 1000)),
        { requestsPerSecond, burst },
      );
    }
  }
}
