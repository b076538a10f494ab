import { BankEntry } from './bank-entry.entity';

// The module's tables, for the composition root's data source and the migration drift check only: every
// other module reads and writes them through this module's services (a test checks who imports this).
export const ENTITY_BANK_TABLES = [BankEntry];
