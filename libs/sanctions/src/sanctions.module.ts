import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglang/audit';
import { DeliveryModule } from '@qinglang/delivery';
import { FlaggingModule } from '@qinglang/flagging';
import { IngestModule } from '@qinglang/ingest';
import { PlatformsModule } from '@qinglang/platforms';
import { Sanction } from './sanction.entity';
import { Appeal } from './appeal.entity';
import { SanctionEngine } from './sanction-engine.service';
import { SanctionExpiry } from './sanction-expiry.service';
import { AppealsService } from './appeals.service';
import { BanEvasionService } from './ban-evasion.service';
import { SubjectDirectory } from './subject-directory.service';
import { AutoActionProcessor } from './auto-action.processor';
import { SanctionsController } from './sanctions.controller';
import { SanctionRecords } from './sanction-records.service';
import { SanctionHolds } from './sanction-holds.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Sanction, Appeal]),
    AuditModule,
    DeliveryModule,
    FlaggingModule,
    IngestModule,
    PlatformsModule,
  ],
  controllers: [SanctionsController],
  providers: [
    SanctionRecords,
    SanctionHolds,
    SanctionEngine,
    SanctionExpiry,
    AppealsService,
    BanEvasionService,
    SubjectDirectory,
    AutoActionProcessor,
  ],
  exports: [SanctionRecords, SanctionHolds, SanctionEngine, SanctionExpiry, AppealsService, BanEvasionService],
})
export class SanctionsModule {}
