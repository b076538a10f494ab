import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglang/audit';
import { Platform } from './platform.entity';
import { PlatformsService } from './platforms.service';
import { ApiKeyGuard } from './api-key.guard';

@Module({
  imports: [TypeOrmModule.forFeature([Platform]), AuditModule],
  providers: [PlatformsService, ApiKeyGuard],
  exports: [PlatformsService, ApiKeyGuard],
})
export class PlatformsModule {}
