import { readFileSync } from 'node:fs';
import { waitFor } from '../helpers/test-app';
import { GAMBLING_LINES, ReviewFixture } from '../helpers/review-client';
import { WebhookReceiver } from '../helpers/webhook-receiver';
import { useConsoleHarness } from './console-harness';

/**
 * A compliance officer in the browser: sees every sanction, narrows the table by category, opens an account's
 * history, exports the filtered sanctions as CSV (fetched with the token, saved as a file), reads the
 * transparency report, sees the audit log verify, and replays webhook deliveries that gave up.
 */
describe('console: compliance', () => {
  // LOG_LEVEL error: the failing webhook's retries are expected here, not worth a warning each.
  const harness = useConsoleHarness({
    LOG_LEVEL: 'error',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    DELIVERY_POLL_MS: '100',
    WEBHOOK_RETRY_BASE_MS: '100',
    WEBHOOK_MAX_ATTEMPTS: '2',
  });
  let healthy = false;
  const receiver = new WebhookReceiver(() => (healthy ? 200 : 500));

  afterAll(() => receiver.stop());

  it('filters sanctions, opens an account, exports CSV, shows the report and the audit verification, replays a failed delivery', async () => {
    const t = harness.app;
    const platform = await t.createPlatform('browser-compliance');
    const fixture = new ReviewFixture(t, platform.apiKey);
    const reviewer = (await t.createStaff('reviewer')).token;
    const officer = await t.createStaff('compliance', 'Chen Compliance');
    // The platform's webhook answers 500 for now: its deliveries give up after two attempts.
    const auth = { Authorization: `Bearer ${platform.apiKey}` };
    expect(
      (
        await t
          .http()
          .put('/v1/webhook')
          .set(auth)
          .send({ url: await receiver.start() })
      ).status,
    ).toBe(200);

    // Two accounts, two sanctions: one confirmed as gambling, one (a reviewer's call) as induced tipping.
    const gamblingStream = await fixture.stream('dice-room', 'dice-host');
    await fixture.chat(gamblingStream, [GAMBLING_LINES[1]]);
    const [gamblingFlag] = await fixture.openFlags(gamblingStream, 'gambling');
    const gambling = (await fixture.claimAndConfirm(reviewer, gamblingFlag.id, 'gambling_promotion')).sanction;
    const tippingStream = await fixture.stream('gift-room', 'gift-host');
    await fixture.chat(tippingStream, [GAMBLING_LINES[2]]);
    const [otherFlag] = await fixture.openFlags(tippingStream, 'gambling');
    const tipping = (await fixture.claimAndConfirm(reviewer, otherFlag.id, 'induced_tipping', 'tipping')).sanction;
    expect([gambling.category, tipping.category]).toEqual(['gambling', 'tipping']);
    await waitFor(
      async () => {
        const failed = (await t.http().get('/v1/deliveries?status=failed').set(auth)).body.deliveries;
        return failed.length === 2 ? true : undefined;
      },
      'both deliveries to give up',
      30_000,
    );

    const page = harness.page;
    await harness.signIn(officer.token, 'compliance');
    await harness.waitForCount('#sanctions-table tbody tr', 2);

    // The audit log verifies on arrival.
    const audit = page.locator('#audit .audit-status');
    await audit.waitFor();
    await expect(audit.getAttribute('data-ok')).resolves.toBe('true');
    await expect(audit.textContent()).resolves.toMatch(/Verified.*all \d+ entries verify/);

    // The transparency report for the last 30 days counts both sanctions, with bars per category.
    const report = page.locator('#report');
    await report.locator('.report-totals').waitFor();
    await expect(report.locator('.report-totals li').first().textContent()).resolves.toBe('2sanctions');
    const byCategory = report.locator('figure.chart', { hasText: 'Sanctions by category' });
    await expect(byCategory.locator('svg rect.bar').count()).resolves.toBe(2);
    await expect(byCategory.locator('svg').getAttribute('aria-label')).resolves.toMatch(
      /gambling 1.*tipping 1|tipping 1.*gambling 1/,
    );
    await harness.screenshot('05-compliance-overview');

    // Filter by category: only the gambling sanction is left.
    await page.locator('#sanction-filters select[name="category"]').selectOption('gambling');
    await page.locator('#sanction-filters').getByRole('button', { name: 'Filter' }).click();
    await harness.waitForCount('#sanctions-table tbody tr', 1);
    const row = page.locator('#sanctions-table tbody tr');
    await expect(row.getAttribute('data-sanction-id')).resolves.toBe(gambling.id);
    await expect(row.textContent()).resolves.toContain('dice-host');

    // Export the filtered sanctions as CSV: the file holds the gambling sanction and not the other.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^sanctions-.+\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^id,kind,platform_id/);
    expect(csv).toContain(gambling.id);
    expect(csv).not.toContain(tipping.id);

    // The account's history: its flag, the decision and the sanction in time order.
    await row.getByRole('button', { name: 'dice-host' }).click();
    const history = page.locator('#account-history');
    await history.locator('ol').waitFor();
    await expect(history.textContent()).resolves.toContain('dice-host');
    const timeline = await history.locator('ol li').allTextContents();
    expect(timeline.some((line) => /sanction\s*warning for gambling/.test(line))).toBe(true);
    expect(timeline.some((line) => /decision\s*confirm gambling \(gambling_promotion\)/.test(line))).toBe(true);
    await harness.screenshot('06-compliance-filtered-history');

    // The failed deliveries, once the platform's endpoint works again, replayed from the console.
    const deliveries = page.locator('#deliveries li');
    await harness.waitForCount('#deliveries li', 2);
    await expect(deliveries.first().textContent()).resolves.toContain('HTTP 500');
    healthy = true;
    await deliveries.first().getByRole('button', { name: 'Replay' }).click();
    await harness.waitForCount('#deliveries li', 1);
    await waitFor(async () => (receiver.acknowledged.length === 1 ? true : undefined), 'the replayed delivery', 30_000);
    const replayed = JSON.parse(receiver.acknowledged[0].body).sanction.id;
    expect([gambling.id, tipping.id]).toContain(replayed);

    expect(harness.foreignRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});
