export * from './audit-entry.entity';
export * from './audit-checkpoint.entity';
export * from './audit-chain';
export * from './audit-signer';
export * from './audit-log.service';
export * from './audit.module';
