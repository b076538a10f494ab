export * from './audit.controller';
export * from './compliance-filters.dto';
export * from './csv';
export * from './sanction-search.service';
export * from './transparency-report.service';
export * from './compliance.module';
