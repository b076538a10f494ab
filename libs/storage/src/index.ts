export * from './media-format';
export * from './media-store';
export * from './media-scratch';
export * from './local-media-store';
export * from './object-keys';
export * from './storage.module';
