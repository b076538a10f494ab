export * from './api-error';
export * from './public-route.decorator';
export * from './api-exception.filter';
export * from './metrics.service';
export * from './metrics.controller';
export * from './json-logger';
export * from './operations.module';
export * from './server-paths';
