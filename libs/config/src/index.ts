export * from './environment';
export * from './config.module';
export * from './clock';
export * from './address-policy';
export * from './server-secret';
export * from './private-files';
export * from './audit-environment';
export * from './storage-environment';
