export * from './audit.controller';
export * from './compliance.module';
