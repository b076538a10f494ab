export * from './policy';
export * from './sanction-ladder';
export * from './sampling-tier';
export * from './retention-rules';
export * from './policy.service';
export * from './policy.module';
