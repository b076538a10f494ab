import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglang/audit';
import { Platform } from './platform.entity';
import { PlatformsService } from './platforms.service';
import { ApiKeyGuard } from './api-key.guard';
import { TenantLimitsService } from './limits/tenant-limits.service';
import { RateLimiter } from './limits/rate-limiter.service';

@Module({
  imports: [TypeOrmModule.forFeature([Platform]), AuditModule],
  providers: [PlatformsService, ApiKeyGuard, TenantLimitsService, RateLimiter],
  exports: [PlatformsService, ApiKeyGuard, TenantLimitsService, RateLimiter],
})
export class PlatformsModule {}
