export * from './platform.entity';
export * from './platforms.service';
export * from './api-key.guard';
export * from './platforms.module';
