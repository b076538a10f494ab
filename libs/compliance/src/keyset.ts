import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ApiError } from '@qinglang/operations';

/**
 * Newest-first keyset paging over (instant, id): a cursor names the last row a page ended on, so the next page
 * starts right after it however many rows arrive meanwhile, and no page costs more than its own rows.
 */
export const CURSOR_PATTERN = /^\d{1,16}_[A-Za-z0-9-]{1,36}$/;

export const cursorOf = (at: Date, id: string): string => `${at.getTime()}_${id}`;

export interface Period {
  from?: string;
  to?: string;
}

/** ISO bounds to epoch milliseconds; `from` is inclusive, `to` exclusive. */
export function periodBounds(period: Period): { fromMs?: number; toMs?: number } {
  const fromMs = period.from ? Date.parse(period.from) : undefined;
  const toMs = period.to ? Date.parse(period.to) : undefined;
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs)
    throw new ApiError(400, 'validation_failed', '`from` must be before `to`.');
  return { fromMs, toMs };
}

/**
 * Adds the period, the cursor and the order to a query on `alias`, whose instant column is `column` (SQL name)
 * and `property` (entity property). Instants are compared as epoch milliseconds in raw SQL: find operators would
 * skip the column transformer here.
 */
export function newestFirst<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  column: string,
  property: string,
  options: Period & { before?: string; limit: number },
): SelectQueryBuilder<T> {
  const { fromMs, toMs } = periodBounds(options);
  if (fromMs !== undefined) query.andWhere(`${alias}.${column} >= :periodFrom`, { periodFrom: fromMs });
  if (toMs !== undefined) query.andWhere(`${alias}.${column} < :periodTo`, { periodTo: toMs });
  if (options.before) {
    const [atMs, id] = [
      Number(options.before.slice(0, options.before.indexOf('_'))),
      options.before.slice(options.before.indexOf('_') + 1),
    ];
    // `<=` first gives the planner a range on the (instant, id) index; the OR then breaks ties by id.
    query.andWhere(`${alias}.${column} <= :cursorAt AND (${alias}.${column} < :cursorAt OR ${alias}.id < :cursorId)`, {
      cursorAt: atMs,
      cursorId: id,
    });
  }
  return query.orderBy(`${alias}.${property}`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').limit(options.limit);
}
