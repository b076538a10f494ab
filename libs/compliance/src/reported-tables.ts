import type { DataSource, ObjectLiteral, Repository } from 'typeorm';
import type { AuditEntry } from '@qinglang/audit';
import type { Flag } from '@qinglang/flagging';
import type { Platform } from '@qinglang/platforms';
import type { ReviewDecision } from '@qinglang/review';
import type { Appeal, Sanction } from '@qinglang/sanctions';

/**
 * Compliance is the one reporting module: it reads other modules' tables directly, because a report across
 * modules through each owner's service would be a query per row, and it writes none of them (its only writes are
 * audit entries, through the audit log). The tables are named here, not imported, so no entity class leaves the
 * module that owns it; this file is the whole list of what compliance reads.
 */
export interface ReportedTables {
  Flag: Flag;
  ReviewDecision: ReviewDecision;
  Sanction: Sanction;
  Appeal: Appeal;
  AuditEntry: AuditEntry;
  Platform: Platform;
}

export type ReportedTable = keyof ReportedTables;

/** Read access to a reported table, by its entity's name. */
export type ReportedReader<T extends ObjectLiteral> = Pick<
  Repository<T>,
  'find' | 'findBy' | 'findOneBy' | 'count' | 'createQueryBuilder'
>;

export function reportedTable<N extends ReportedTable>(
  dataSource: DataSource,
  name: N,
): ReportedReader<ReportedTables[N]> {
  return dataSource.getRepository<ReportedTables[N]>(name);
}
