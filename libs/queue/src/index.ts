export * from './job-map';
export * from './job-handler';
export * from './queue-driver';
export * from './job-handler.registry';
export * from './job-queue.service';
export * from './worker.service';
export * from './queue.module';
export * from './periodic-pass';
