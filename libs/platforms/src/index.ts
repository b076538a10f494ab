export type * from './platform.entity';
export * from './tables';
export * from './platforms.service';
export * from './api-key.guard';
export * from './platforms.module';
