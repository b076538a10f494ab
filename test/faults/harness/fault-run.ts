import { Accepted, acceptedItem, Answer, TERMINAL } from './client';
import { acknowledgedAt, countDuplicates, Duplicates, repeatedDeliveries, sanctionEvents, sql, total } from './checks';
import { FaultResult, GAMBLING, INGEST_BOUND_MS, RECOVERY_BOUND_MS, Rig, Tenant } from './rig';
import { sleep } from './services';

/** The codes of a 503 that means "try again shortly" (with Retry-After): anything else is a failure. */
const RETRY_LATER_CODES = new Set(['unavailable', 'starting']);
const BENIGN = ['主播好', '今天的歌真好听', '晚上好呀', '这个游戏怎么玩', '哈哈哈哈'];

/**
 * One fault's work: the items it sent and what came back, its streams (for the sanctions), and the checks
 * after it. Every number in its result is read from the API and the database, not from this bookkeeping: the
 * items are only the 202s the suite got, looked up again.
 */
export class FaultRun {
  readonly items: Accepted[] = [];
  readonly answers: Answer[] = [];
  readonly streams: Array<{ tenant: Tenant; id: string; streamerId: string }> = [];
  readonly notes: string[] = [];
  readonly problems: string[] = [];
  clearedAt = 0;
  private trickling?: Promise<void>;
  private stopTrickle = false;
  private offset = 0;

  constructor(
    readonly rig: Rig,
    readonly name: string,
  ) {}

  private record(answer: Answer, kind: Accepted['kind'], tenant: Tenant): Answer {
    this.answers.push(answer);
    const item = acceptedItem(answer, kind, tenant.name);
    if (item) this.items.push(item);
    return answer;
  }

  /** A stream of the tenant's with its own streamer (a first strike each), registered before the fault. */
  async stream(tenant: Tenant, tag: string): Promise<string> {
    const streamerId = `${this.name}-${tag}-host`;
    const id = await tenant.api.stream(`${this.name}-${tag}`, streamerId);
    this.streams.push({ tenant, id, streamerId });
    return id;
  }

  /** The streamer's own gambling lines: a flag, which the reviewer confirms into a sanction. */
  async gamblingChat(tenant: Tenant, streamId: string): Promise<Answer> {
    const streamerId = this.streams.find((s) => s.id === streamId)!.streamerId;
    return this.record(await tenant.api.chat(streamId, streamerId, GAMBLING), 'text_batch', tenant);
  }

  async chat(tenant: Tenant, streamId: string): Promise<Answer> {
    const viewer = `viewer-${Math.floor(Math.random() * 1e6)}`;
    return this.record(
      await tenant.api.chat(streamId, viewer, [BENIGN[this.answers.length % BENIGN.length]]),
      'text_batch',
      tenant,
    );
  }

  async tips(tenant: Tenant, streamId: string): Promise<Answer> {
    return this.record(
      await tenant.api.tips(streamId, `tipper-${this.answers.length}`, ['5.00', '10.00']),
      'tip_batch',
      tenant,
    );
  }

  /** A GET, kept with the answers (it is never an accepted item). */
  async read(tenant: Tenant, path: string): Promise<Answer> {
    const answer = await tenant.api.call('GET', path);
    this.answers.push(answer);
    return answer;
  }

  async segment(tenant: Tenant, streamId: string): Promise<Answer> {
    this.offset += 10_000;
    return this.record(await tenant.api.segment(streamId, this.offset), 'segment', tenant);
  }

  /** The usual load on A: the streamer's gambling chat, viewers' chat, tips and three segments. */
  async load(tenant: Tenant, streamId: string): Promise<void> {
    await this.gamblingChat(tenant, streamId);
    await this.flagsOpen(tenant);
    // The rest at once, so the workers have a backlog when the fault hits.
    await Promise.all([
      this.chat(tenant, streamId),
      this.tips(tenant, streamId),
      ...Array.from({ length: 6 }, () => this.segment(tenant, streamId)),
      this.chat(tenant, streamId),
    ]);
  }

  /** Waits (briefly) until each of the tenant's streams in this fault has an open flag. */
  async flagsOpen(tenant: Tenant, timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const streams = this.streams.filter((s) => s.tenant === tenant);
    while (Date.now() < deadline) {
      const open = await Promise.all(streams.map(async (s) => (await tenant.api.openFlags(s.id)).length > 0));
      if (open.every(Boolean)) return true;
      await sleep(250);
    }
    this.notes.push(`not every stream of ${tenant.name} had a flag within ${timeoutMs / 1000} s`);
    return false;
  }

  /** Waits (briefly) until a segment is being worked on: work in flight. Notes how much is unfinished. */
  async inFlight(tenant: Tenant, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let statuses: Array<string | undefined> = [];
    while (Date.now() < deadline) {
      statuses = await Promise.all(this.items.map((i) => tenant.api.status(i)));
      if (this.items.some((item, n) => item.kind === 'segment' && statuses[n] === 'processing')) break;
      await sleep(100);
    }
    this.notes.push(
      `at the fault: ${statuses.filter((s) => s && !TERMINAL.includes(s)).length} of ${this.items.length} items unfinished`,
    );
  }

  /** Confirms every open flag on the fault's streams (of one tenant, when given); how many were confirmed. */
  async confirmFlags(only?: Tenant): Promise<number> {
    let confirmed = 0;
    for (const { tenant, id } of this.streams.filter((s) => !only || s.tenant === only))
      for (const flag of await tenant.api.openFlags(id))
        if (await this.rig.reviewer.confirm(flag.id, flag.category)) confirmed++;
    return confirmed;
  }

  /** While the fault lasts: one call a second on A's stream (chat, and a segment every third), answers kept. */
  trickle(tenant: Tenant, streamId: string): void {
    this.stopTrickle = false;
    this.trickling = (async () => {
      for (let n = 0; !this.stopTrickle; n++) {
        const started = Date.now();
        if (n % 3 === 2) await this.segment(tenant, streamId);
        else await this.chat(tenant, streamId);
        await sleep(Math.max(0, 1000 - (Date.now() - started)));
      }
    })();
  }

  async endTrickle(): Promise<void> {
    this.stopTrickle = true;
    await this.trickling;
  }

  /** The fault is over (the service is back, the process restarted): recovery is timed from here. */
  cleared(): void {
    this.clearedAt = Date.now();
  }

  /**
   * Answers during the fault that are not what the documented behaviour promises: a call with no answer within
   * its time limit, a 5xx other than 503 `unavailable` with Retry-After, a 429 without Retry-After.
   */
  checkAnswers(allowRefused: boolean): void {
    const hung = this.answers.filter((a) => a.error === 'timeout');
    const refused = this.answers.filter((a) => a.error === 'refused');
    // 503 with Retry-After says "try again": `unavailable` (a dependency away) or `starting` (an API restarted
    // after the kill answers from its port before it is loaded, see apps/api/src/starting-server.ts).
    const bad5xx = this.answers.filter(
      (a) => a.status >= 500 && !(a.status === 503 && RETRY_LATER_CODES.has(String(a.body?.code)) && a.retryAfter),
    );
    const bad429 = this.answers.filter((a) => a.status === 429 && !a.retryAfter);
    const slow = this.answers.filter((a) => a.status && a.ms > INGEST_BOUND_MS);
    if (slow.length)
      this.problems.push(
        `${slow.length} ingest calls took over ${INGEST_BOUND_MS} ms to answer (slowest ${Math.max(...slow.map((a) => a.ms))} ms)`,
      );
    if (hung.length) this.problems.push(`${hung.length} ingest calls got no answer within their time limit`);
    if (refused.length && !allowRefused) this.problems.push(`${refused.length} ingest calls could not connect`);
    if (bad5xx.length)
      this.problems.push(
        `${bad5xx.length} answers were a 5xx other than 503 unavailable or starting with Retry-After: ${[
          ...new Set(bad5xx.map((a) => `${a.status} ${a.body?.code ?? ''}`)),
        ].join(', ')}`,
      );
    if (bad429.length) this.problems.push(`${bad429.length} 429s came without Retry-After`);
  }

  /** Checks /health now: it must answer within 2 s, 503 when `down` says a dependency is down. */
  async checkHealth(down: string): Promise<void> {
    const health = await this.rig.health();
    this.notes.push(`/health during the fault: ${health.status || health.error} in ${health.ms} ms`);
    if (health.status === 0 || health.ms > 2000)
      this.problems.push(`/health took ${health.ms} ms (bound 2000) with ${down} down`);
    else if (health.status !== 503) this.problems.push(`/health answered ${health.status} with ${down} down`);
  }

  /** Each item as the API shows it, read 16 at a time (a burst of hundreds would time out on a busy API). */
  private async readAll(items: Accepted[]) {
    const views: Array<Awaited<ReturnType<Rig['a']['api']['read']>>> = [];
    for (let i = 0; i < items.length; i += 16)
      views.push(
        ...(await Promise.all(
          items.slice(i, i + 16).map((item) => (item.platform === 'A' ? this.rig.a : this.rig.b).api.read(item)),
        )),
      );
    return views;
  }

  /**
   * Waits until every accepted item is terminal, every flag on the fault's streams is confirmed and every
   * sanction on them delivered, or the bound runs out; then counts, from the API and the database.
   */
  async settle(): Promise<FaultResult> {
    const { rig } = this;
    const deadline = this.clearedAt + RECOVERY_BOUND_MS;
    const terminal = new Map<string, string>();
    const finishedAt = new Map<string, number>();
    let recoveredAt: number | null = null;
    let sanctions: Awaited<ReturnType<typeof sanctionEvents>> = [];
    let acked = new Map<string, number>();
    while (Date.now() < deadline) {
      const open = this.items.filter((i) => !terminal.has(i.id));
      const views = await this.readAll(open);
      open.forEach((item, n) => {
        const status = views[n].status;
        if (status && TERMINAL.includes(status)) {
          terminal.set(item.id, status);
          finishedAt.set(item.id, Date.now());
        }
      });
      await this.confirmFlags().catch(() => 0);
      sanctions = await sanctionEvents(
        rig.pg.url,
        this.streams.map((s) => s.id),
      ).catch(() => sanctions);
      acked = acknowledgedAt(rig.receivers);
      const undelivered = sanctions.filter((s) => s.status !== 'delivered' || !acked.has(s.eventId));
      const flagsOpen = (await Promise.all(this.streams.map((s) => s.tenant.api.openFlags(s.id)))).flat();
      if (terminal.size === this.items.length && !undelivered.length && !flagsOpen.length && this.items.length) {
        recoveredAt = Date.now();
        break;
      }
      await sleep(1000);
    }
    // Read once more for the counts, straight from the API (a terminal state is final, so only the others).
    const views = new Map<string, { status?: string; failure?: string; answer: string }>();
    for (let attempt = 0; attempt < 3; attempt++) {
      const unread = this.items.filter((i) => !views.get(i.id)?.status);
      (await this.readAll(unread)).forEach((view, n) => views.set(unread[n].id, view));
    }
    const finalStatuses = this.items.map((i) => views.get(i.id)?.status ?? terminal.get(i.id));
    const terminalCount = finalStatuses.filter((s) => s && TERMINAL.includes(s)).length;
    const failedItems = this.items.filter((i) => views.get(i.id)?.status === 'failed');
    const failed = failedItems.length;
    sanctions = await sanctionEvents(
      rig.pg.url,
      this.streams.map((s) => s.id),
    ).catch(() => sanctions);
    acked = acknowledgedAt(rig.receivers);
    const delivered = new Set(
      sanctions.filter((s) => s.status === 'delivered' && acked.has(s.eventId)).map((s) => s.sanctionId),
    ).size;
    const sanctionCount = new Set(sanctions.map((s) => s.sanctionId)).size;
    // Counted over the whole database and both receivers; this fault's are the ones new since the last fault.
    const now = await countDuplicates(rig.pg.url, rig.receivers);
    const duplicates = Object.fromEntries(
      Object.entries(now).map(([kind, n]) => [kind, n - rig.duplicatesSoFar[kind as keyof Duplicates]]),
    ) as unknown as Duplicates;
    rig.duplicatesSoFar = now;
    // Webhook delivery is at least once (README: a platform dedupes by the event id): an event acknowledged, then
    // the database gone before "delivered" was committed, is sent again. That is reported, not counted as a
    // duplicate; the issue's duplicates are signals, flags, sanctions and audit entries (and frames, evidence).
    const duplicated = total(duplicates) - duplicates.deliveries;
    if (duplicates.deliveries)
      this.notes.push(
        `sent again (at least once, same event id): ${repeatedDeliveries(rig.receivers, this.clearedAt)}`,
      );
    const refused: Record<string, number> = {};
    for (const a of this.answers)
      if (a.status !== 202 && a.status !== 200) {
        const key = a.status ? `${a.status}${a.body?.code ? ` ${a.body.code}` : ''}` : (a.error ?? 'no answer');
        refused[key] = (refused[key] ?? 0) + 1;
      }
    const lost = this.items.length - terminalCount;
    const last = this.items
      .filter((i) => finishedAt.has(i.id))
      .sort((x, y) => finishedAt.get(y.id)! - finishedAt.get(x.id)!)[0];
    if (last)
      this.notes.push(
        `last item to finish: a ${last.kind.replace('_', ' ')} of ${last.platform}, ${((finishedAt.get(last.id)! - this.clearedAt) / 1000).toFixed(1)} s after the fault`,
      );
    const slowest = this.answers.reduce((max, a) => (a.status && a.ms > max ? a.ms : max), 0);
    if (this.answers.length) this.notes.push(`slowest ingest answer ${slowest} ms`);
    if (lost) {
      const ids = this.items.filter((_, n) => !TERMINAL.includes(finalStatuses[n] ?? '')).map((i) => i.id);
      const stuck = await sql<{ kind: string; stage: string; n: string }>(
        rig.pg.url,
        `SELECT kind, stage, COUNT(*) AS n FROM (
           SELECT 'segment' AS kind, stage FROM segments WHERE id::text = ANY($1::text[]) UNION ALL
           SELECT 'text batch', stage FROM text_batches WHERE id::text = ANY($1::text[]) UNION ALL
           SELECT 'tip batch', stage FROM tip_batches WHERE id::text = ANY($1::text[])) s
         GROUP BY kind, stage`,
        [ids],
      ).catch((error: unknown) => [{ kind: String(error), stage: '', n: '' }]);
      const api = this.items
        .filter((i) => ids.includes(i.id))
        .map((i) => `${i.kind} ${i.id.slice(0, 8)}: ${views.get(i.id)?.status ?? views.get(i.id)?.answer}`);
      this.problems.push(
        `${lost} accepted items not terminal ${RECOVERY_BOUND_MS / 1000} s after the fault (in the database: ${
          stuck.map((s) => `${s.n} ${s.kind} ${s.stage}`).join(', ') || 'none of them'
        }; the API: ${api.slice(0, 5).join(', ')})`,
      );
    }
    if (failed)
      this.problems.push(
        `${failed} items failed (the fixtures are valid: a fault must not fail them): ${failedItems
          .map((i) => `${i.kind} ${views.get(i.id)?.failure}`)
          .join(', ')}`,
      );
    if (duplicated)
      this.problems.push(
        `duplicates: ${Object.entries(duplicates)
          .filter(([kind, n]) => n && kind !== 'deliveries')
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}`,
      );
    if (sanctionCount === 0) this.problems.push('no sanction was issued, so none could be checked');
    if (delivered < sanctionCount)
      this.problems.push(`${sanctionCount - delivered} of ${sanctionCount} sanctions not delivered`);
    if (recoveredAt === null && !this.problems.length) this.problems.push('not recovered within the bound');
    if (Object.keys(refused).length)
      this.notes.push(
        `not accepted: ${Object.entries(refused)
          .map(([k, n]) => `${n}× ${k}`)
          .join(', ')}`,
      );
    const result: FaultResult = {
      fault: this.name,
      accepted: this.items.length,
      terminal: terminalCount,
      failed,
      lost,
      duplicated,
      duplicates: Object.fromEntries(Object.entries(duplicates).filter(([, n]) => n)),
      redelivered: duplicates.deliveries,
      sanctions: sanctionCount,
      delivered,
      recoverMs: recoveredAt === null ? null : recoveredAt - this.clearedAt,
      refused,
      notes: this.notes,
      problems: this.problems,
    };
    rig.results.push(result);
    return result;
  }
}
