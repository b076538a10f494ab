import type { BankEntry } from './bank-entry.entity';

/** A bank entry as the API, the export and the audit log show it. */
export const bankEntryView = (entry: BankEntry) => ({
  id: entry.id,
  platformId: entry.platformId,
  kind: entry.kind,
  value: entry.value,
  category: entry.category,
  reason: entry.reason,
  sourceFlagId: entry.sourceFlagId,
  addedBy: entry.addedBy,
  addedAt: entry.addedAt.toISOString(),
  active: entry.activeKey !== null,
  removedBy: entry.removedBy,
  removedAt: entry.removedAt?.toISOString() ?? null,
  removalReason: entry.removalReason,
});

export type BankEntryView = ReturnType<typeof bankEntryView>;
