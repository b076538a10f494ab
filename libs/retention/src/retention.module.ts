import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglang/audit';
import { ClassifierModule } from '@qinglang/classifier';
import { FlaggingModule } from '@qinglang/flagging';
import { IngestModule } from '@qinglang/ingest';
import { MediaModule } from '@qinglang/media';
import { SanctionsModule } from '@qinglang/sanctions';
import { RETENTION_TABLES } from './tables';
import { RetentionSweep } from './retention-sweep.service';

/** Media retention: the policy's periods applied by a sweep in the worker processes. */
@Module({
  imports: [
    TypeOrmModule.forFeature(RETENTION_TABLES),
    AuditModule,
    ClassifierModule,
    FlaggingModule,
    IngestModule,
    MediaModule,
    SanctionsModule,
  ],
  providers: [RetentionSweep],
  exports: [RetentionSweep],
})
export class RetentionModule {}
