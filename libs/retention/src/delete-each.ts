import { deletionFailureCode } from './sweep-audit';

/** This many failures in a row end the run (the store is likely away): the items not tried stay due. */
export const FAILURES_ENDING_RUN = 5;

export interface DeletionOutcome<T> {
  deleted: T[];
  /** Items whose deletion threw, with a path-free code (see deletionFailureCode). */
  failures: Array<{ item: T; code: string }>;
  /** Files the deleted items' removals reported. */
  files: number;
  /** Items not tried: the run ended after FAILURES_ENDING_RUN failures in a row. */
  untried: T[];
}

/**
 * Deletes items one by one: `check` before each (the lease still held; what it throws ends the run, nothing more
 * deleted), `remove` for each, whose failure is that item's alone; so many failures in a row end the run.
 */
export async function deleteEach<T>(
  items: T[],
  check: () => Promise<void>,
  remove: (item: T) => Promise<number>,
  endAfter = FAILURES_ENDING_RUN,
): Promise<DeletionOutcome<T>> {
  const outcome: DeletionOutcome<T> = { deleted: [], failures: [], files: 0, untried: [] };
  let inARow = 0;
  for (const [index, item] of items.entries()) {
    await check();
    try {
      outcome.files += await remove(item);
      outcome.deleted.push(item);
      inARow = 0;
    } catch (error) {
      outcome.failures.push({ item, code: deletionFailureCode(error) });
      if (++inARow >= endAfter) {
        outcome.untried = items.slice(index + 1);
        break;
      }
    }
  }
  return outcome;
}
