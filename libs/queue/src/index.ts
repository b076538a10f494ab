export * from './job-map';
export * from './job-handler';
export * from './queue-driver';
export * from './job-handler.registry';
export * from './job-queue.service';
export * from './worker.service';
export * from './queue.module';
// Moved to operations (audit runs one, and need not load BullMQ for it); still exported here for the workers' modules.
export { PeriodicPass } from '@qinglang/operations';
export * from './worker-readiness';
export * from './with-timeout';
export * from './bullmq.driver';
export * from './tenant-context';
