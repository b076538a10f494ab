import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { DEFAULT_LIMITS, Limits, TenantLimits, limitsOf, parseTenantLimits } from './tenant-limits';

/** The limits file, read once at boot; a mistake in it stops the boot with its place named. */
@Injectable()
export class TenantLimitsService {
  readonly limits: TenantLimits;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (existsSync(config.tenantsPath)) {
      this.limits = parseTenantLimits(readFileSync(config.tenantsPath, 'utf8'));
    } else {
      new Logger('TenantLimits').warn({ message: 'no limits file; using the defaults', path: config.tenantsPath });
      this.limits = { default: DEFAULT_LIMITS, platforms: {}, assumedSegmentSeconds: 10 };
    }
  }

  of(platformName: string): Limits {
    return limitsOf(this.limits, platformName);
  }
}
