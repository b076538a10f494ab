export * from './console-files';
export * from './console.controller';
export * from './console.module';
