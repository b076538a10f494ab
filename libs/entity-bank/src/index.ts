export type * from './bank-entry.entity';
export * from './tables';
export * from './bank-entry-view';
export * from './entity-bank.service';
export * from './entity-bank.module';
