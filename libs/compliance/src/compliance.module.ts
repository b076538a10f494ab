import { Module } from '@nestjs/common';
import { AuditModule } from '@qinglang/audit';
import { StaffModule } from '@qinglang/staff';
import { AuditController } from './audit.controller';
import { PolicyAuditRecorder } from './policy-audit.recorder';

/** What compliance officers call: the audit log's verification and checkpoints, sanctions, reports, exports. */
@Module({
  imports: [AuditModule, StaffModule],
  controllers: [AuditController],
  providers: [PolicyAuditRecorder],
})
export class ComplianceModule {}
