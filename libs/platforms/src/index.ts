export type * from './platform.entity';
export * from './tables';
export * from './platforms.service';
export * from './api-key.guard';
export * from './platforms.module';
export * from './limits/tenant-limits';
export * from './limits/tenant-limits.service';
export * from './limits/rate-limiter.service';
