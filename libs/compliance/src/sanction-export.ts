import type { ComplianceSanctionRow } from './sanction-search.service';
import { CsvValue, csvLine } from './csv';

/** The CSV columns of the sanctions export, each with how it reads a row. Objects are written as JSON text. */
const COLUMNS: Array<[string, (row: ComplianceSanctionRow) => CsvValue]> = [
  ['id', (r) => r.id],
  ['kind', (r) => r.kind],
  ['platform_id', (r) => r.platform.id],
  ['platform_name', (r) => r.platform.name],
  ['account_id', (r) => r.account.id],
  ['account_external_id', (r) => r.account.externalId],
  ['subject_kind', (r) => (r.subject?.kind as string | undefined) ?? null],
  ['subject_external_id', (r) => (r.subject?.externalId as string | undefined) ?? null],
  ['flag_id', (r) => r.flagId],
  ['category', (r) => r.category],
  ['action', (r) => r.action],
  ['duration_days', (r) => r.durationDays],
  ['strike_number', (r) => r.strikeNumber],
  ['status', (r) => r.status],
  ['reason_code', (r) => r.reasonCode],
  ['automated', (r) => r.automated],
  ['decided_by', (r) => r.decidedBy.join(';')],
  ['policy_version', (r) => r.policyVersion],
  ['model_versions', (r) => r.modelVersions.join(';')],
  ['issued_at', (r) => r.issuedAt],
  ['ends_at', (r) => r.endsAt],
  ['ended_at', (r) => r.endedAt],
  ['end_reason', (r) => r.endReason],
  ['content_action', (r) => (r.contentAction ? JSON.stringify(r.contentAction) : null)],
  ['monetary_action', (r) => (r.monetaryAction ? JSON.stringify(r.monetaryAction) : null)],
  ['statement', (r) => JSON.stringify(r.statement)],
];

export const SANCTION_CSV_HEADER = csvLine(COLUMNS.map(([name]) => name));

export const sanctionCsvLine = (row: ComplianceSanctionRow): string => csvLine(COLUMNS.map(([, read]) => read(row)));

export const sanctionJsonLine = (row: ComplianceSanctionRow): string => `${JSON.stringify(row)}\n`;
