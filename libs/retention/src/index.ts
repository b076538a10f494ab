export type * from './retention-lease.entity';
export * from './tables';
export * from './retention-verdict';
export * from './sweep-lease';
export * from './sweep-audit';
export * from './delete-each';
export * from './retention-sweep.service';
export * from './retention.module';
