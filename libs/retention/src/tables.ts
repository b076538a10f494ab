import { RetentionLease } from './retention-lease.entity';

// The module's tables, for the composition root's data source and the migration drift check only.
export const RETENTION_TABLES = [RetentionLease];
