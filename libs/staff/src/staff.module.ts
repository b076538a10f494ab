import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglang/audit';
import { PlatformsModule } from '@qinglang/platforms';
import { StaffUser } from './staff-user.entity';
import { StaffService } from './staff.service';
import { AccessGuard } from './access.guard';
import { StaffController } from './staff.controller';

@Module({
  imports: [TypeOrmModule.forFeature([StaffUser]), AuditModule, PlatformsModule],
  controllers: [StaffController],
  providers: [StaffService, AccessGuard],
  exports: [StaffService, AccessGuard],
})
export class StaffModule {}
