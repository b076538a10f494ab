import { DataSource } from 'typeorm';
import { AppConfig, AuditConfig, Clock, auditConfig, systemClock } from '@qinglang/config';
import { AuditLog } from './audit-log.service';
import { AuditSigner } from './audit-signer';
import { AuditStore } from './audit-store';
import { AuditAppendGuard } from './audit-append-guard';
import { AuditVerifier } from './audit-verifier';
import { WitnessWebhook } from './witness-webhook';

/**
 * The audit log wired by hand, outside Nest, over a data source that holds the audit tables (the benchmark times
 * `verify` this way). Settings left out take their defaults under `dataDir`.
 */
export function standaloneAuditLog(
  dataSource: DataSource,
  settings: { dataDir: string; audit: Partial<AuditConfig> },
  clock: Clock = systemClock,
): AuditLog {
  const config = {
    dataDir: settings.dataDir,
    database: { type: 'sqlite', path: '' },
    audit: { ...auditConfig({}, settings.dataDir), ...settings.audit },
  } as AppConfig;
  const store = new AuditStore(dataSource);
  const signer = AuditSigner.fromConfig(config.audit);
  const guard = new AuditAppendGuard(config, clock, store, signer);
  const verifier = new AuditVerifier(config, store, signer, guard, new WitnessWebhook(config, clock));
  return new AuditLog(dataSource, config, clock, signer, store, guard, verifier);
}
