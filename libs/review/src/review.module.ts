import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglang/audit';
import { FlaggingModule } from '@qinglang/flagging';
import { IngestModule } from '@qinglang/ingest';
import { MediaModule } from '@qinglang/media';
import { SanctionsModule } from '@qinglang/sanctions';
import { StaffModule } from '@qinglang/staff';
import { StorageModule } from '@qinglang/storage';
import { ReviewDecision } from './review-decision.entity';
import { ReviewService } from './review.service';
import { ReviewController } from './review.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([ReviewDecision]),
    AuditModule,
    FlaggingModule,
    IngestModule,
    MediaModule,
    SanctionsModule,
    StaffModule,
    StorageModule,
  ],
  controllers: [ReviewController],
  providers: [ReviewService],
  exports: [ReviewService],
})
export class ReviewModule {}
