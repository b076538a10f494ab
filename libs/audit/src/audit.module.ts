import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { AuditEntry } from './audit-entry.entity';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { AuditLog } from './audit-log.service';
import { AuditSigner } from './audit-signer';
import { AuditStore } from './audit-store';
import { AuditAppendGuard } from './audit-append-guard';
import { AuditVerifier } from './audit-verifier';
import { AUDIT_WITNESS_PASSES, AuditWitness } from './audit-witness.service';
import { WitnessWebhook } from './witness-webhook';

/** The audit log; its HTTP routes are in the compliance module, with the other routes for compliance officers. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry, AuditCheckpoint])],
  providers: [
    {
      provide: AuditSigner,
      useFactory: (config: AppConfig) => AuditSigner.fromConfig(config.audit),
      inject: [APP_CONFIG],
    },
    AuditStore,
    AuditAppendGuard,
    WitnessWebhook,
    AuditVerifier,
    AuditWitness,
    AuditLog,
  ],
  exports: [AuditLog, AuditWitness],
})
export class AuditModule {}

/** Imported by the CLI: no witness pass at start, on a timer or at the end; the service's processes witness. */
@Global()
@Module({ providers: [{ provide: AUDIT_WITNESS_PASSES, useValue: false }], exports: [AUDIT_WITNESS_PASSES] })
export class NoAuditWitnessPassesModule {}
