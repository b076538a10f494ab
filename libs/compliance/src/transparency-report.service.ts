import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PolicyService } from '@qinglang/policy';
import { periodBounds } from './keyset';

type Params = Record<string, string | number | boolean>;

/**
 * The periodic transparency report (in the spirit of EU DSA Art. 15 and 24): what was decided in a period and
 * how fast, how much of it automatically, and how much was undone on appeal. Everything is counted in the
 * database with SQL that SQLite and PostgreSQL both speak; medians too (ORDER BY, LIMIT, OFFSET), since SQLite
 * has no percentile function.
 *
 * Scopes: sanctions (interim actions included, as action stream_interruption) by issue time; flags by opening
 * time, confirmations and rejections by decision time; appeals by submission time. The reversal rate is appeals
 * revoked over appeals decided.
 */
@Injectable()
export class TransparencyReport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
  ) {}

  async build(fromIso: string, toIso: string) {
    const { fromMs, toMs } = periodBounds({ from: fromIso, to: toIso }) as { fromMs: number; toMs: number };
    const period = { from: fromMs, to: toMs };
    const inPeriod = (column: string) => `${column} >= :from AND ${column} < :to`;

    const byCategoryAndAction = (
      await this.rows(
        `SELECT category, action, COUNT(*) AS n FROM sanctions WHERE ${inPeriod('issued_at')} GROUP BY category, action ORDER BY category, action`,
        period,
      )
    ).map((r) => ({ category: String(r.category), action: String(r.action), count: Number(r.n) }));
    const automation = await this.rows(
      `SELECT automated, COUNT(*) AS n FROM sanctions WHERE ${inPeriod('issued_at')} GROUP BY automated`,
      period,
    );
    const automated = automation
      .filter((r) => r.automated === true || Number(r.automated) === 1)
      .reduce((sum, r) => sum + Number(r.n), 0);
    const total = byCategoryAndAction.reduce((sum, r) => sum + r.count, 0);
    const revoked = await this.count(
      `SELECT COUNT(*) AS n FROM sanctions WHERE status = 'revoked' AND ${inPeriod('ended_at')}`,
      period,
    );

    const decisionDelays = (extra: string) =>
      `SELECT issued_at - flag_opened_at AS v FROM sanctions WHERE ${inPeriod('issued_at')}${extra}`;
    // The first delivery of each sanction's sanction.issued event: when the platform had it in hand.
    const deliveryDelays =
      `SELECT MIN(o.delivered_at) - s.issued_at AS v FROM sanctions s JOIN outbox_events o ON o.sanction_id = s.id ` +
      `WHERE o.type = 'sanction.issued' AND o.status = 'delivered' AND ${inPeriod('s.issued_at')} GROUP BY s.id, s.issued_at`;

    const appeals = await this.rows(
      `SELECT status, COUNT(*) AS n FROM appeals WHERE ${inPeriod('created_at')} GROUP BY status`,
      period,
    );
    const appealCount = (status: string) => Number(appeals.find((r) => r.status === status)?.n ?? 0);
    const [upheld, appealsRevoked, pending] = [appealCount('upheld'), appealCount('revoked'), appealCount('pending')];

    const flagCount = (where: string) => this.count(`SELECT COUNT(*) AS n FROM flags WHERE ${where}`, period);
    return {
      period: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
      policyVersion: this.policy.version,
      sanctions: { total, automated, human: total - automated, revokedInPeriod: revoked, byCategoryAndAction },
      timing: {
        flagToDecision: await this.median(decisionDelays(''), period),
        flagToDecisionHuman: await this.median(decisionDelays(' AND automated = :no'), { ...period, no: false }),
        flagToDecisionAutomated: await this.median(decisionDelays(' AND automated = :yes'), { ...period, yes: true }),
        decisionToDelivery: await this.median(deliveryDelays, period),
      },
      appeals: {
        submitted: upheld + appealsRevoked + pending,
        upheld,
        revoked: appealsRevoked,
        pending,
        reversalRate: upheld + appealsRevoked ? round(appealsRevoked / (upheld + appealsRevoked), 4) : null,
      },
      flags: {
        opened: await flagCount(inPeriod('opened_at')),
        confirmed: await flagCount(`review_state = 'confirmed' AND ${inPeriod('decided_at')}`),
        rejected: await flagCount(`review_state = 'rejected' AND ${inPeriod('decided_at')}`),
      },
    };
  }

  /** The median of `v` (milliseconds) over a query's rows, in seconds, with how many rows it is of. */
  private async median(sql: string, params: Params): Promise<{ medianSeconds: number | null; count: number }> {
    const count = await this.count(`SELECT COUNT(*) AS n FROM (${sql}) d`, params);
    if (!count) return { medianSeconds: null, count };
    // The middle row, or the two middle rows of an even count; both numbers are computed here, not input.
    const middle = await this.rows(
      `SELECT v FROM (${sql}) d ORDER BY v LIMIT ${count % 2 ? 1 : 2} OFFSET ${Math.floor((count - 1) / 2)}`,
      params,
    );
    const ms = middle.reduce((sum, r) => sum + Number(r.v), 0) / middle.length;
    return { medianSeconds: round(ms / 1000, 3), count };
  }

  private async count(sql: string, params: Params): Promise<number> {
    return Number((await this.rows(sql, params))[0]?.n ?? 0);
  }

  /** Named parameters in, the driver's own placeholders out ($1 on PostgreSQL, ? on SQLite). */
  private rows(sql: string, params: Params): Promise<Array<Record<string, unknown>>> {
    const [query, parameters] = this.dataSource.driver.escapeQueryWithParameters(sql, params, {});
    return this.dataSource.query(query, parameters);
  }
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export type TransparencyReportBody = Awaited<ReturnType<TransparencyReport['build']>>;
