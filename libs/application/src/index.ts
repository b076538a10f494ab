export * from './schema';
export * from './app.module';
export * from './migration.service';
export * from './create-application';
export * from './openapi-document';
export * from './openapi-file';
