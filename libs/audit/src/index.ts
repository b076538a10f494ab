export type * from './audit-entry.entity';
export type * from './audit-checkpoint.entity';
export * from './tables';
export * from './audit-chain';
export * from './audit-signer';
export * from './audit-log.service';
export * from './audit.module';
