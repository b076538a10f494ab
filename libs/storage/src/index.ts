export * from './media-format';
export * from './file-storage.service';
export * from './storage.module';
