import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Platform } from './platform.entity';
import { PlatformsService } from './platforms.service';
import { ApiKeyGuard } from './api-key.guard';

@Module({
  imports: [TypeOrmModule.forFeature([Platform])],
  providers: [PlatformsService, ApiKeyGuard],
  exports: [PlatformsService, ApiKeyGuard],
})
export class PlatformsModule {}
