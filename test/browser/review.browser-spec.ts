import { join } from 'node:path';
import { FIXTURES, waitForTerminal } from '../helpers/test-app';
import { GAMBLING_LINES, ReviewFixture } from '../helpers/review-client';
import { SCREENSHOTS, useConsoleHarness } from './console-harness';

/**
 * A reviewer in the browser: signs in with a token, claims the next flag with the keyboard, sees the evidence
 * (the matched words marked, the frame blurred and grey until revealed), confirms with a reason by keyboard,
 * and the platform's sanction feed then carries the sanction.
 */
describe('console: reviewer', () => {
  const harness = useConsoleHarness();

  it('claims, reads the evidence, reveals the frame and confirms with the keyboard; the platform sees the sanction', async () => {
    const t = harness.app;
    const platform = await t.createPlatform('browser-review');
    const fixture = new ReviewFixture(t, platform.apiKey);
    const reviewer = await t.createStaff('reviewer', 'Lin Reviewer');

    // A stream with a gambling overlay burnt into its video (a frame with text) and a gambling chat line.
    const streamId = await fixture.stream('casino-room', 'casino-host');
    const upload = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set('Authorization', `Bearer ${platform.apiKey}`)
      .field('startOffsetMs', '30000')
      .attach('file', join(FIXTURES, 'segment-gambling-overlay.ts'));
    expect(upload.status).toBe(202);
    expect((await waitForTerminal(t.http, platform.apiKey, `/v1/segments/${upload.body.id}`)).status).toBe(
      'classified',
    );
    await fixture.chat(streamId, [GAMBLING_LINES[0]]);
    // Two ordinary tips on the stream (no tipping rule fires): they show on the flag's tip timeline.
    const now = Date.now();
    const tips = await t
      .http()
      .post(`/v1/streams/${streamId}/tips`)
      .set('Authorization', `Bearer ${platform.apiKey}`)
      .send({
        events: [
          {
            tipperId: 'fan-1',
            ageBand: 'adult',
            amount: '20.00',
            currency: 'CNY',
            giftName: '火箭',
            at: new Date(now - 60_000).toISOString(),
          },
          { tipperId: 'fan-2', ageBand: 'adult', amount: '66.00', currency: 'CNY', at: new Date(now).toISOString() },
        ],
      });
    expect(tips.status).toBe(202);
    expect((await waitForTerminal(t.http, platform.apiKey, `/v1/tip-batches/${tips.body.id}`)).status).toBe(
      'classified',
    );
    const flags = await fixture.openFlags(streamId);
    expect(flags).toHaveLength(1);

    const page = harness.page;
    await page.goto(`${harness.baseUrl}/console`);
    // A platform key is not a staff token: the console says so and stays on the sign-in form.
    await page.getByLabel('Staff token').fill(platform.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#signin-error', { hasText: 'That token is not a valid staff token.' }).waitFor();
    await expect(harness.sessionItems()).resolves.toBe(0);
    await expect(page.locator('#nav').isVisible()).resolves.toBe(false);
    await harness.screenshot('01-sign-in-refused');
    harness.pageErrors.splice(0); // the browser logs the refused call (403) as an error: expected here
    await harness.signIn(reviewer.token, 'reviewer');
    await expect(harness.sessionItems()).resolves.toBe(1); // the token, for this tab only
    const rows = page.locator('#queue-table tbody tr');
    await harness.waitForCount('#queue-table tbody tr', 1);
    await expect(rows.first().textContent()).resolves.toContain('gambling');
    await expect(rows.first().locator('.sla').textContent()).resolves.toMatch(/\d+s|\d+m/);

    // n: claim the next flag.
    await page.keyboard.press('n');
    await page.locator('#flag-body').waitFor({ state: 'visible' });
    await expect(page.locator('#flag-facts').textContent()).resolves.toContain(flags[0].id.slice(0, 8));
    // The queue refreshes after the claim is shown: wait for the row to say who holds it.
    await page.locator('#queue-table tbody tr', { hasText: 'you' }).first().waitFor();
    await expect(page.locator('#lease').textContent()).resolves.toMatch(/your claim lease: \d+m \d+s left/);
    await expect(page.locator('#tips svg circle.tip').count()).resolves.toBe(2);
    await expect(page.locator('#tips .legend').textContent()).resolves.toContain('2 tips, 86.00 CNY');
    await page.locator('#tips').screenshot({ path: join(SCREENSHOTS, '02b-tip-timeline.png') });

    // The chat line with the words that matched marked.
    const chatLine = page.locator('.evidence-item[data-kind="text_line"] .text-line');
    await expect(chatLine.textContent()).resolves.toBe(GAMBLING_LINES[0]);
    const marked = await chatLine.locator('mark').allTextContents();
    expect(marked.length).toBeGreaterThan(0);
    for (const words of marked) expect(GAMBLING_LINES[0]).toContain(words);

    // The frame: loaded with the token, blurred and grey until revealed.
    const frame = page.locator('.evidence-item img.sensitive').first();
    await frame.waitFor();
    await harness.waitForImage('.evidence-item img.sensitive');
    expect(await harness.filterOf('.evidence-item img.sensitive')).toMatch(/blur\(.+\) grayscale\(1\)/);
    await expect(page.locator('.frame figcaption').first().textContent()).resolves.toMatch(/t = \d+:\d\d\.\d/);
    await harness.screenshot('02-flag-claimed-frames-blurred');

    // v: reveal every frame; v again blurs them.
    await page.keyboard.press('v');
    await expect(harness.filterOf('.evidence-item img.sensitive')).resolves.toBe('none');
    await expect(frame.getAttribute('class')).resolves.toContain('revealed');
    await expect(page.locator('#reveal').getAttribute('aria-pressed')).resolves.toBe('true');
    await harness.screenshot('03-frames-revealed');

    // ?: the shortcuts, Escape closes them.
    await page.keyboard.press('?');
    await page.locator('#help').waitFor({ state: 'visible' });
    await expect(page.locator('#help-list').textContent()).resolves.toContain('Claim the next flag');
    await page.keyboard.press('Escape');
    await page.locator('#help').waitFor({ state: 'hidden' });

    // c, 2, Enter: confirm, with the second gambling reason.
    await page.keyboard.press('c');
    await expect(page.locator('input[name="verdict"][value="confirm"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('#decision-reason').inputValue()).resolves.toBe('gambling_promotion');
    await page.keyboard.press('2');
    await expect(page.locator('#decision-reason').inputValue()).resolves.toBe('gambling_contact');
    await expect(harness.activeElementId()).resolves.toBe('decision-submit');
    // What confirming brings is shown before the decision: a first strike is a warning, nothing to tick.
    await expect(page.locator('#consequence-text').textContent()).resolves.toBe(
      'Confirming issues warning (strike 1 in 90 days).',
    );
    await expect(page.locator('#consequence-confirm-row').isVisible()).resolves.toBe(false);
    await page.keyboard.press('Enter');
    const result = page.locator('#decision-result .result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain('Confirmed: warning');
    const sanctionId = await result.getAttribute('data-sanction-id');
    // Moving on: the flag and its (revealed) frame are gone; the queue is empty again.
    expect(await page.locator('#evidence img').count()).toBe(0);
    await harness.waitForCount('#queue-table tbody tr', 0);
    await harness.screenshot('04-confirmed');

    // The platform's feed carries that sanction, with the reason the reviewer chose.
    const { events } = await fixture.feed();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'sanction.issued',
      sanction: { id: sanctionId, action: 'warning', status: 'active', strikeNumber: 1 },
    });
    expect((events[0].sanction as unknown as { reasonCode: string }).reasonCode).toBe('gambling_contact');

    expect(harness.foreignRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });

  it('lets a senior reviewer read an appeal and revoke the sanction, which the platform then sees revoked', async () => {
    const t = harness.app;
    const platform = await t.createPlatform('browser-appeals');
    const fixture = new ReviewFixture(t, platform.apiKey);
    const reviewer = (await t.createStaff('reviewer')).token;
    const senior = await t.createStaff('senior_reviewer', 'Wang Senior');
    const streamId = await fixture.stream('quiz-room', 'quiz-host');
    await fixture.chat(streamId, [GAMBLING_LINES[3]]);
    const [flag] = await fixture.openFlags(streamId, 'gambling');
    const { sanction } = await fixture.claimAndConfirm(reviewer, flag.id, 'gambling_promotion');
    const auth = { Authorization: `Bearer ${platform.apiKey}` };
    const statement = 'The streamer was quoting a scam to warn viewers about it.';
    expect(
      (await t.http().post(`/v1/sanctions/${sanction.id}/appeals`).set(auth).send({ statement })).status,
    ).toBeLessThan(300);

    const page = harness.page;
    await harness.signIn(senior.token, 'senior reviewer');
    // A senior reviewer has the review queue and the appeals, not the compliance view.
    await expect(page.locator('#nav a:not([hidden])').allTextContents()).resolves.toEqual(['Review', 'Appeals']);
    await page.locator('#nav').getByRole('link', { name: 'Appeals' }).click();
    const appeal = page.locator('#appeals li.evidence-item');
    await appeal.waitFor();
    await expect(appeal.textContent()).resolves.toContain(statement);
    // The sanction it is about, with the evidence it relied on, is beside the appeal.
    await expect(appeal.locator('.appeal-sanction').textContent()).resolves.toMatch(/warning for gambling .*quiz-host/);
    await appeal.getByLabel('Decision note').fill('The clip shows a warning against the scam, not a promotion.');
    await harness.screenshot('07-appeal-pending');
    await appeal.getByRole('button', { name: 'Revoke' }).click();
    await page.locator('#appeals', { hasText: 'No pending appeals.' }).waitFor();

    const after = await t.http().get(`/v1/sanctions/${sanction.id}`).set(auth);
    expect(after.body.status).toBe('revoked');
    expect(harness.foreignRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });

  it('shows a 30-day suspension before it is issued and issues it only once the reviewer ticks that they mean it', async () => {
    const t = harness.app;
    const platform = await t.createPlatform('browser-severe');
    const fixture = new ReviewFixture(t, platform.apiKey);
    const api = (await t.createStaff('reviewer')).token;
    const reviewer = await t.createStaff('reviewer', 'Zhou Reviewer');
    const streamId = await fixture.stream('repeat-room', 'repeat-host');
    // Two strikes already: the next gambling confirmation is the 30-day suspension.
    for (const line of [GAMBLING_LINES[0], GAMBLING_LINES[1]]) {
      await fixture.chat(streamId, [line]);
      const [earlier] = await fixture.openFlags(streamId, 'gambling');
      await fixture.claimAndConfirm(api, earlier.id, 'gambling_promotion');
    }
    await fixture.chat(streamId, [GAMBLING_LINES[2]]);

    const page = harness.page;
    await harness.signIn(reviewer.token, 'reviewer');
    await harness.waitForCount('#queue-table tbody tr', 1);
    await page.keyboard.press('n');
    await page.locator('#flag-body').waitFor({ state: 'visible' });
    await page.keyboard.press('c');
    await expect(page.locator('#consequence-text').textContent()).resolves.toBe(
      'Confirming issues suspension for 30 days (strike 3 in 90 days); the platform will cut stream.',
    );
    await expect(page.locator('#consequence').getAttribute('class')).resolves.toContain('severe');
    // Enter alone does not issue it: the reviewer is asked to tick first, and nothing is sent.
    await page.keyboard.press('Enter');
    await expect(page.locator('#decision-error').textContent()).resolves.toContain('tick “I mean it” first');
    expect((await fixture.feed()).events.filter((e) => e.sanction.durationDays === 30)).toEqual([]);
    await harness.screenshot('05-severe-consequence');
    await page.getByLabel('I mean it: suspension 30d').check();
    await page.locator('#decision-submit').click();
    const result = page.locator('#decision-result .result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain('Confirmed: suspension for 30 days (strike 3)');
    expect(harness.pageErrors).toEqual([]);
  });
});
