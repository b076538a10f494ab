import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestApp, TestBackends, startTestApp, waitFor } from '../helpers/test-app';
import { GAMBLING_LINES, ReviewFixture } from '../helpers/review-client';
import { parseCsv } from '../helpers/csv-reader';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor((sorted.length - 1) / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid] + sorted[mid + 1]) / 2;
};

/** A platform's webhook receiver on 127.0.0.1 that acknowledges, or fails while `failing` is set. */
async function webhookReceiver(): Promise<{
  server: Server;
  url: (path: string) => string;
  received: Array<{ path: string; type: string }>;
  failing: Set<string>;
}> {
  const received: Array<{ path: string; type: string }> = [];
  const failing = new Set<string>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume().on('end', () => {
      const path = request.url ?? '';
      received.push({ path, type: String(request.headers['qinglang-event-type']) });
      response.writeHead(failing.has(path) ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    received,
    failing,
    url: (path) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
  };
}

interface Issued {
  platform: 'A' | 'B';
  accountId: string;
  flagOpenedAt: string;
  sanction: { id: string; issuedAt: string; action: string; category: string };
}

/**
 * The compliance side through the API: fixture data made by platforms, reviewers and appeals; the lists and their
 * filters, the account history, deliveries and replay, the exports; the transparency report compared with counts
 * the test keeps itself; and who may call any of it.
 */
export function describeCompliance(label: string, makeBackends: () => Promise<TestBackends>) {
  describe(`compliance (${label})`, () => {
    let backends: TestBackends;
    let t: TestApp;
    let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
    let officer: string;
    let reviewer: { id: string; token: string };
    let senior: { id: string; token: string };
    const platforms: Record<'A' | 'B', { id: string; apiKey: string; name: string; f: ReviewFixture }> = {} as never;
    const issued: Issued[] = [];
    const accounts: Record<string, string> = {};
    let flagsOpened = 0;
    let rejectedFlags = 0;
    let startedAt: Date;
    const REVOKE_NOTE = '新闻报道, 不是推广: "澳门百家乐" 只是引用\n第二行 =1+1';

    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    const get = (path: string, token = officer) => t.http().get(path).set(as(token));

    async function flagOn(f: ReviewFixture, streamId: string, line: string) {
      await f.chat(streamId, [line]);
      const flags = await f.openFlags(streamId, 'gambling');
      expect(flags).toHaveLength(1);
      flagsOpened++;
      return flags[0] as unknown as { id: string; openedAt: string };
    }

    async function confirm(platform: 'A' | 'B', streamId: string, line: string, reasonCode = 'gambling_promotion') {
      const flag = await flagOn(platforms[platform].f, streamId, line);
      const { sanction } = await platforms[platform].f.claimAndConfirm(reviewer.token, flag.id, reasonCode);
      issued.push({ platform, accountId: sanction.account.id, flagOpenedAt: flag.openedAt, sanction });
      return sanction as { id: string; account: { id: string; externalId: string } };
    }

    async function appeal(platform: 'A' | 'B', sanctionId: string, outcome: 'revoke' | 'uphold', note: string) {
      const submitted = await t
        .http()
        .post(`/v1/sanctions/${sanctionId}/appeals`)
        .set(as(platforms[platform].apiKey))
        .send({ statement: '我不服，请复核' });
      expect(submitted.status).toBe(201);
      const decided = await t
        .http()
        .post(`/v1/review/appeals/${submitted.body.id}/decision`)
        .set(as(senior.token))
        .send({ outcome, note });
      expect(decided.status).toBe(200);
    }

    beforeAll(async () => {
      hooks = await webhookReceiver();
      backends = await makeBackends();
      t = await startTestApp(backends, {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        DELIVERY_POLL_MS: '100',
        WEBHOOK_MAX_ATTEMPTS: '1',
      });
      startedAt = new Date();
      officer = (await t.createStaff('compliance')).token;
      reviewer = await t.createStaff('reviewer');
      senior = await t.createStaff('senior_reviewer');
      for (const key of ['A', 'B'] as const) {
        const name = `合规平台 ${key} ${Date.now()}`;
        const platform = await t.createPlatform(name);
        platforms[key] = { ...platform, name, f: new ReviewFixture(t, platform.apiKey) };
      }
      // A acknowledges its webhook; B's endpoint fails until the test fixes it, so its deliveries fail (one attempt).
      hooks.failing.add('/b');
      for (const [key, path] of [
        ['A', '/a'],
        ['B', '/b'],
      ] as const) {
        const set = await t
          .http()
          .put('/v1/webhook')
          .set(as(platforms[key].apiKey))
          .send({ url: hooks.url(path) });
        expect(set.status).toBe(200);
      }

      // A: account a1 twice confirmed (a warning, then a 3-day suspension); a2 rejected.
      const a1 = await platforms.A.f.stream('a1-room', 'a1');
      accounts.a1 = (await confirm('A', a1, GAMBLING_LINES[0])).account.id;
      await confirm('A', a1, GAMBLING_LINES[1], 'gambling_contact');
      const a2 = await platforms.A.f.stream('a2-room', 'a2');
      const a2Flag = await flagOn(platforms.A.f, a2, GAMBLING_LINES[2]);
      expect((await platforms.A.f.claimNext(reviewer.token)).body.flag.id).toBe(a2Flag.id);
      expect(
        (await platforms.A.f.decide(reviewer.token, a2Flag.id, { verdict: 'reject', reasonCode: 'false_positive' }))
          .status,
      ).toBe(200);
      rejectedFlags++;
      // B: b1 confirmed then revoked on appeal; b2 confirmed and upheld.
      const b1Sanction = await confirm('B', await platforms.B.f.stream('b1-room', 'b1'), GAMBLING_LINES[3]);
      accounts.b1 = b1Sanction.account.id;
      await appeal('B', b1Sanction.id, 'revoke', REVOKE_NOTE);
      const b2Sanction = await confirm('B', await platforms.B.f.stream('b2-room', 'b2'), GAMBLING_LINES[0]);
      await appeal('B', b2Sanction.id, 'uphold', 'Promotion, plainly');

      // Wait for the dispatcher: A's two issued events delivered, B's four (2 issued, 1 revoked, 1 upheld) failed.
      await waitFor(
        async () => {
          const [a, b] = await Promise.all(
            (['A', 'B'] as const).map((k) => t.http().get('/v1/deliveries').set(as(platforms[k].apiKey))),
          );
          const delivered = a.body.deliveries.filter((d: { status: string }) => d.status === 'delivered').length;
          const failed = b.body.deliveries.filter((d: { status: string }) => d.status === 'failed').length;
          return delivered === 2 && failed === 4 ? true : undefined;
        },
        'deliveries to settle',
        30_000,
      );
    });
    afterAll(async () => {
      await t?.close();
      await backends?.cleanup();
      await new Promise((resolve) => hooks?.server.close(resolve));
    });

    it('lists sanctions of every platform newest first, with platform names, filtered and paged', async () => {
      const all = await get('/v1/compliance/sanctions');
      expect(all.status).toBe(200);
      const ids = all.body.sanctions.map((s: { id: string }) => s.id);
      expect(ids).toEqual([...issued].reverse().map((i) => i.sanction.id));
      expect(all.body.sanctions[0]).toMatchObject({
        platform: { id: platforms.B.id, name: platforms.B.name },
        statement: expect.any(Object),
        account: { externalId: 'b2' },
      });
      expect(all.body.next).toBeNull();

      const count = async (query: string) => (await get(`/v1/compliance/sanctions?${query}`)).body.sanctions.length;
      expect(await count(`platformId=${platforms.B.id}`)).toBe(2);
      expect(await count(`accountId=${accounts.a1}`)).toBe(2);
      expect(await count('status=revoked')).toBe(1);
      expect(await count('action=suspension')).toBe(1);
      expect(await count('category=gambling&action=warning')).toBe(3);
      expect(await count('category=porn')).toBe(0);
      expect(await count(`reviewerId=${reviewer.id}`)).toBe(4);
      expect(await count(`reviewerId=${senior.id}`)).toBe(0);
      expect(await count('automated=false')).toBe(4);
      expect(await count('automated=true')).toBe(0);
      expect(await count(`from=${encodeURIComponent(issued[2].sanction.issuedAt)}`)).toBe(2);
      expect(await count(`to=${encodeURIComponent(issued[2].sanction.issuedAt)}`)).toBe(2);

      const paged: string[] = [];
      let before: string | null = null;
      do {
        const page: { body: { sanctions: Array<{ id: string }>; next: string | null } } = await get(
          `/v1/compliance/sanctions?limit=3${before ? `&before=${before}` : ''}`,
        );
        paged.push(...page.body.sanctions.map((s) => s.id));
        before = page.body.next;
      } while (before);
      expect(paged).toEqual(ids);
    });

    it('refuses bad filters with 400 validation_failed', async () => {
      for (const query of [
        'limit=501',
        'limit=0',
        'automated=yes',
        'from=yesterday',
        'action=ban',
        'status=gone',
        'before=abc',
        'platformId=%25',
        'unknown=1',
        `from=${new Date().toISOString()}&to=2020-01-01T00:00:00Z`,
      ]) {
        const response = await get(`/v1/compliance/sanctions?${query}`);
        expect({ query, status: response.status, code: response.body.code }).toEqual({
          query,
          status: 400,
          code: 'validation_failed',
        });
      }
      expect((await get('/v1/compliance/flags?reviewState=maybe')).body.code).toBe('validation_failed');
      expect((await get('/v1/compliance/decisions?verdict=perhaps')).body.code).toBe('validation_failed');
      expect((await get('/v1/compliance/reports/transparency?from=2025-01-01T00:00:00Z')).body.code).toBe(
        'validation_failed',
      );
      expect((await get('/v1/compliance/exports/sanctions.csv?automated=maybe')).body.code).toBe('validation_failed');
    });

    it('lists flags and decisions with reviewer names', async () => {
      const flags = await get(`/v1/compliance/flags?platformId=${platforms.A.id}`);
      expect(flags.body.flags).toHaveLength(3);
      expect(flags.body.flags[0]).toMatchObject({
        reviewState: 'rejected',
        account: { externalId: 'a2' },
        platform: { name: platforms.A.name },
      });
      expect((await get('/v1/compliance/flags?reviewState=confirmed')).body.flags).toHaveLength(4);
      expect((await get(`/v1/compliance/flags?status=closed&accountId=${accounts.b1}`)).body.flags).toHaveLength(1);
      const rejections = await get('/v1/compliance/decisions?verdict=reject');
      expect(rejections.body.decisions).toHaveLength(1);
      expect(rejections.body.decisions[0]).toMatchObject({
        reasonCode: 'false_positive',
        reviewer: { id: reviewer.id, name: expect.stringMatching(/^reviewer-/), role: 'reviewer' },
      });
      expect(
        (await get(`/v1/compliance/decisions?reviewerId=${reviewer.id}&verdict=confirm`)).body.decisions,
      ).toHaveLength(4);
      expect((await get(`/v1/compliance/decisions?reviewerId=${senior.id}`)).body.decisions).toHaveLength(0);
    });

    it("tells an account's whole history in time order", async () => {
      const response = await get(`/v1/compliance/accounts/${accounts.b1}/history`);
      expect(response.status).toBe(200);
      const history = response.body;
      expect(history.account).toMatchObject({
        id: accounts.b1,
        externalId: 'b1',
        platform: { id: platforms.B.id, name: platforms.B.name },
      });
      expect(history.flags).toHaveLength(1);
      expect(history.decisions).toMatchObject([{ verdict: 'confirm', reviewer: { id: reviewer.id } }]);
      expect(history.sanctions).toMatchObject([{ status: 'revoked', endReason: `revoked on appeal: ${REVOKE_NOTE}` }]);
      expect(history.appeals).toMatchObject([{ status: 'revoked', decidedBy: senior.id }]);
      const actions = history.auditEntries.map((e: { action: string }) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'flag.opened',
          'flag.claimed',
          'sanction.issued',
          'flag.confirmed',
          'appeal.submitted',
          'sanction.revoked',
          'appeal.revoked',
          'delivery.failed',
        ]),
      );
      const times = history.timeline.map((e: { at: string }) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(history.timeline[0]).toMatchObject({ kind: 'flag' });
      expect((await get('/v1/compliance/accounts/no-such-account/history')).status).toBe(404);
    });

    it('lists failed deliveries and replays one to the mended endpoint', async () => {
      const failed = await get('/v1/compliance/deliveries?status=failed');
      // B's endpoint failed all four: b1 issued and revoked, b2 issued and its appeal upheld.
      expect(failed.body.deliveries.map((d: { type: string }) => d.type).sort()).toEqual([
        'sanction.appeal_upheld',
        'sanction.issued',
        'sanction.issued',
        'sanction.revoked',
      ]);
      expect(failed.body.deliveries.every((d: { platform: { id: string } }) => d.platform.id === platforms.B.id)).toBe(
        true,
      );
      const b2Issued = failed.body.deliveries.find(
        (d: { type: string; sanctionId: string }) =>
          d.type === 'sanction.issued' && d.sanctionId === issued[3].sanction.id,
      );
      hooks.failing.delete('/b');
      const replayed = await t.http().post(`/v1/compliance/deliveries/${b2Issued.id}/replay`).set(as(officer));
      expect(replayed.status).toBe(200);
      expect(replayed.body).toMatchObject({ id: b2Issued.id, status: 'pending', attempts: 0 });
      await waitFor(
        async () =>
          (await get(`/v1/compliance/deliveries?status=delivered&platformId=${platforms.B.id}`)).body.deliveries
            .length === 1
            ? true
            : undefined,
        'the replay to land',
      );
      expect((await get('/v1/compliance/deliveries?status=failed')).body.deliveries).toHaveLength(3);
      const history = await get(`/v1/compliance/accounts/${issued[3].accountId}/history`);
      expect(history.body.auditEntries.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['delivery.replayed', 'sanction.delivered']),
      );
      expect((await t.http().post('/v1/compliance/deliveries/nope/replay').set(as(officer))).status).toBe(404);
    });

    it('exports the filtered sanctions as CSV and JSONL, escaping text correctly', async () => {
      const csv = await get('/v1/compliance/exports/sanctions.csv')
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res
            .setEncoding('utf8')
            .on('data', (c: string) => (text += c))
            .on('end', () => done(null, text));
        });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="qinglang-sanctions-.+\.csv"$/);
      const [header, ...rows] = parseCsv(csv.body as string);
      expect(rows).toHaveLength(4);
      const column = (name: string) => header.indexOf(name);
      expect(rows.map((r) => r[column('id')])).toEqual([...issued].reverse().map((i) => i.sanction.id));
      const revoked = rows.find((r) => r[column('status')] === 'revoked')!;
      expect(revoked[column('end_reason')]).toBe(`revoked on appeal: ${REVOKE_NOTE}`);
      expect(revoked[column('platform_name')]).toBe(platforms.B.name);
      expect(JSON.parse(revoked[column('statement')])).toMatchObject({ ground: { category: 'gambling' } });
      expect(rows.every((r) => r.length === header.length)).toBe(true);

      const filtered = await get(`/v1/compliance/exports/sanctions.csv?platformId=${platforms.A.id}&action=suspension`);
      expect(parseCsv(filtered.text)).toHaveLength(2);

      const jsonl = await get(`/v1/compliance/exports/sanctions.jsonl?platformId=${platforms.B.id}`);
      expect(jsonl.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      expect(jsonl.headers['content-disposition']).toMatch(/\.jsonl"$/);
      const lines = jsonl.text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines.map((l) => l.id)).toEqual([issued[3].sanction.id, issued[2].sanction.id]);
      expect(lines[1]).toMatchObject({
        status: 'revoked',
        endReason: `revoked on appeal: ${REVOKE_NOTE}`,
        platform: { name: platforms.B.name },
      });
    });

    it('reports the period as the test counted it', async () => {
      const from = new Date(startedAt.getTime() - 1000).toISOString();
      const to = new Date(Date.now() + 60_000).toISOString();
      const response = await get(`/v1/compliance/reports/transparency?from=${from}&to=${to}`);
      expect(response.status).toBe(200);
      const report = response.body;

      const byCell = new Map<string, number>();
      for (const i of issued)
        byCell.set(
          `${i.sanction.category}/${i.sanction.action}`,
          (byCell.get(`${i.sanction.category}/${i.sanction.action}`) ?? 0) + 1,
        );
      const cells = report.sanctions.byCategoryAndAction.map(
        (c: { category: string; action: string; count: number }) => [`${c.category}/${c.action}`, c.count],
      );
      expect(new Map(cells)).toEqual(byCell);
      expect(report.sanctions).toMatchObject({
        total: issued.length,
        automated: 0,
        human: issued.length,
        revokedInPeriod: 1,
      });
      expect(report.flags).toEqual({ opened: flagsOpened, confirmed: issued.length, rejected: rejectedFlags });
      expect(report.appeals).toEqual({ submitted: 2, upheld: 1, revoked: 1, pending: 0, reversalRate: 0.5 });

      const toDecision = issued.map((i) => Date.parse(i.sanction.issuedAt) - Date.parse(i.flagOpenedAt));
      expect(report.timing.flagToDecision).toEqual({
        medianSeconds: Number((median(toDecision) / 1000).toFixed(3)),
        count: issued.length,
      });
      expect(report.timing.flagToDecisionHuman).toEqual(report.timing.flagToDecision);
      expect(report.timing.flagToDecisionAutomated).toEqual({ medianSeconds: null, count: 0 });
      // Delivery times as the platforms see them in their own delivery lists.
      const deliveredAt = new Map<string, number>();
      for (const key of ['A', 'B'] as const) {
        for (const d of (await t.http().get('/v1/deliveries').set(as(platforms[key].apiKey))).body.deliveries) {
          if (d.type === 'sanction.issued' && d.status === 'delivered')
            deliveredAt.set(
              d.sanctionId,
              Math.min(deliveredAt.get(d.sanctionId) ?? Infinity, Date.parse(d.deliveredAt)),
            );
        }
      }
      const toDelivery = issued
        .filter((i) => deliveredAt.has(i.sanction.id))
        .map((i) => deliveredAt.get(i.sanction.id)! - Date.parse(i.sanction.issuedAt));
      expect(toDelivery).toHaveLength(3); // A's two, and B's replayed one
      expect(report.timing.decisionToDelivery).toEqual({
        medianSeconds: Number((median(toDelivery) / 1000).toFixed(3)),
        count: 3,
      });

      const csv = await get(`/v1/compliance/reports/transparency?from=${from}&to=${to}&format=csv`);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const rows = parseCsv(csv.text);
      expect(rows[0]).toEqual(['metric', 'category', 'action', 'value']);
      expect(rows).toContainEqual(['sanctions', 'gambling', 'warning', String(byCell.get('gambling/warning'))]);
      expect(rows).toContainEqual(['appeals_reversal_rate', '', '', '0.5']);
      expect(rows).toContainEqual(['flags_opened', '', '', String(flagsOpened)]);

      // A period before any of it: nothing.
      const empty = (
        await get(`/v1/compliance/reports/transparency?from=2020-01-01T00:00:00Z&to=${encodeURIComponent(from)}`)
      ).body;
      expect(empty).toMatchObject({
        sanctions: { total: 0, byCategoryAndAction: [] },
        flags: { opened: 0, confirmed: 0, rejected: 0 },
        appeals: { submitted: 0, reversalRate: null },
      });
      expect(empty.timing.decisionToDelivery).toEqual({ medianSeconds: null, count: 0 });
    });

    it('lets only compliance officers in: reviewers get role_not_allowed, platforms platform_key_not_allowed', async () => {
      const routes: Array<['get' | 'post', string]> = [
        ['get', '/v1/compliance/sanctions'],
        ['get', '/v1/compliance/flags'],
        ['get', '/v1/compliance/decisions'],
        ['get', `/v1/compliance/accounts/${accounts.a1}/history`],
        ['get', '/v1/compliance/deliveries?status=failed'],
        ['post', '/v1/compliance/deliveries/x/replay'],
        ['get', '/v1/compliance/exports/sanctions.csv'],
        ['get', '/v1/compliance/exports/sanctions.jsonl'],
        ['get', '/v1/compliance/reports/transparency?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z'],
        ['get', '/v1/audit/verify'],
        ['get', '/v1/audit/checkpoints'],
      ];
      for (const [method, path] of routes) {
        for (const [token, status, code] of [
          [reviewer.token, 403, 'role_not_allowed'],
          [senior.token, 403, 'role_not_allowed'],
          [platforms.A.apiKey, 403, 'platform_key_not_allowed'],
          ['', 401, 'missing_staff_token'],
        ] as const) {
          const response = await t
            .http()
            [method](path)
            .set(token ? as(token) : {});
          expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status, code });
        }
      }
    });
  });
}
