export * from './schema';
export * from './app.module';
export * from './migration.service';
export * from './create-application';
