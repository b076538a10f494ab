import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry } from './audit-entry.entity';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { AuditLog } from './audit-log.service';

/** The audit log; its HTTP routes are in the compliance module, with the other routes for compliance officers. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry, AuditCheckpoint])],
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
