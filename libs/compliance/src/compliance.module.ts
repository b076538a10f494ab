import { Module } from '@nestjs/common';
import { AuditModule } from '@qinglang/audit';
import { DeliveryModule } from '@qinglang/delivery';
import { IngestModule } from '@qinglang/ingest';
import { StaffModule } from '@qinglang/staff';
import { AuditController } from './audit.controller';
import { PolicyAuditRecorder } from './policy-audit.recorder';
import { PlatformNames } from './platform-names.service';
import { SanctionSearch } from './sanction-search.service';
import { RecordSearch } from './record-search.service';
import { AccountHistory } from './account-history.service';
import { TransparencyReport } from './transparency-report.service';
import { ComplianceSanctionsController } from './compliance-sanctions.controller';
import { ComplianceRecordsController } from './compliance-records.controller';
import { AccountHistoryController } from './account-history.controller';
import { ComplianceDeliveriesController } from './compliance-deliveries.controller';
import { SanctionExportController } from './sanction-export.controller';
import { TransparencyReportController } from './transparency-report.controller';
import { ComplianceFilterResolver } from './compliance-filter-resolver.service';

/**
 * What compliance officers call: the audit log's verification and checkpoints; sanctions, flags and decisions of
 * every platform; an account's whole history; deliveries; streamed exports; the transparency report. It only
 * reads other modules' tables (it is the reporting side of the system) and writes nothing but audit entries.
 */
@Module({
  imports: [AuditModule, StaffModule, DeliveryModule, IngestModule],
  controllers: [
    AuditController,
    ComplianceSanctionsController,
    ComplianceRecordsController,
    AccountHistoryController,
    ComplianceDeliveriesController,
    SanctionExportController,
    TransparencyReportController,
  ],
  providers: [
    PolicyAuditRecorder,
    PlatformNames,
    SanctionSearch,
    RecordSearch,
    AccountHistory,
    TransparencyReport,
    ComplianceFilterResolver,
  ],
})
export class ComplianceModule {}
