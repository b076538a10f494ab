import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClassifierModule } from '@qinglang/classifier';
import { IngestModule } from '@qinglang/ingest';
import { PlatformsModule } from '@qinglang/platforms';
import { Flag } from './flag.entity';
import { FlagEvidence } from './flag-evidence.entity';
import { FlaggingService } from './flagging.service';
import { FlagsService } from './flags.service';
import { FlagsController } from './flags.controller';
import { SubjectFlagProcessor } from './subject-flag.processor';
import { flagPolicyProvider } from './flag-policy.provider';

@Module({
  imports: [TypeOrmModule.forFeature([Flag, FlagEvidence]), ClassifierModule, IngestModule, PlatformsModule],
  controllers: [FlagsController],
  providers: [flagPolicyProvider, FlaggingService, FlagsService, SubjectFlagProcessor],
  exports: [FlaggingService, FlagsService],
})
export class FlaggingModule {}
