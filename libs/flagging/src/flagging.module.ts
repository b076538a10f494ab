import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClassifierModule } from '@qinglang/classifier';
import { IngestModule } from '@qinglang/ingest';
import { PlatformsModule } from '@qinglang/platforms';
import { Flag } from './flag.entity';
import { FlagEvidence } from './flag-evidence.entity';
import { FlaggingService } from './flagging.service';
import { FlagsService } from './flags.service';
import { FlagReviewState } from './flag-review-state.service';
import { AuditModule } from '@qinglang/audit';
import { FlagsController } from './flags.controller';
import { SubjectFlagProcessor } from './subject-flag.processor';
import { flagPolicyProvider } from './flag-policy.provider';

@Module({
  imports: [
    TypeOrmModule.forFeature([Flag, FlagEvidence]),
    ClassifierModule,
    IngestModule,
    PlatformsModule,
    AuditModule,
  ],
  controllers: [FlagsController],
  providers: [flagPolicyProvider, FlaggingService, FlagsService, FlagReviewState, SubjectFlagProcessor],
  exports: [FlaggingService, FlagsService, FlagReviewState],
})
export class FlaggingModule {}
