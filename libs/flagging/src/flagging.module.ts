import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClassifierModule } from '@qinglang/classifier';
import { FLAG_LINKS, IngestModule } from '@qinglang/ingest';
import { PlatformsModule } from '@qinglang/platforms';
import { Flag } from './flag.entity';
import { FlagEvidence } from './flag-evidence.entity';
import { FlaggingService } from './flagging.service';
import { FlagsService } from './flags.service';
import { FlagFilterResolver } from './flag-filter-resolver.service';
import { FlagReviewState } from './flag-review-state.service';
import { FlagHolds } from './flag-holds.service';
import { AuditModule } from '@qinglang/audit';
import { FlagsController } from './flags.controller';
import { SubjectFlagProcessor } from './subject-flag.processor';
import { flagPolicyProvider } from './flag-policy.provider';

// Global so ingest's controllers can link an item to its flags through FLAG_LINKS without importing this module
// (which depends on ingest): the dependency points downstream only, as with ITEM_RESULTS.
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Flag, FlagEvidence]),
    ClassifierModule,
    IngestModule,
    PlatformsModule,
    AuditModule,
  ],
  controllers: [FlagsController],
  providers: [
    flagPolicyProvider,
    FlaggingService,
    FlagsService,
    FlagReviewState,
    FlagHolds,
    SubjectFlagProcessor,
    FlagFilterResolver,
    { provide: FLAG_LINKS, useExisting: FlagsService },
  ],
  exports: [FlaggingService, FlagsService, FlagReviewState, FlagHolds, FLAG_LINKS],
})
export class FlaggingModule {}
