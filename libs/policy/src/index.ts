export * from './policy';
export * from './policy.service';
export * from './policy.module';
