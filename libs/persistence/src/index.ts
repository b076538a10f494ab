export * from './columns';
export * from './data-source-options';
export * from './serialize';
export * from './sqlite-transactions';
