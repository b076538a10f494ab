import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import createClient from 'openapi-fetch';
import type { paths } from '../generated/qinglang-api';
import { contractOf } from '../helpers/openapi-contract';
import { FIXTURES, TestApp, useEmbeddedApp, waitFor } from '../helpers/test-app';
import { WebhookReceiver } from '../helpers/webhook-receiver';

/**
 * The README's curl flows through a client generated from the published openapi.json (openapi-typescript types,
 * openapi-fetch calls; `npm run typecheck` compiles this file against them, so a schema that drifts from what the
 * code takes or answers breaks it), against a listening app. Every answer is also checked against the document.
 */
describe('a client generated from openapi.json', () => {
  const fixture = useEmbeddedApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  let t: TestApp;
  let baseUrl: string;
  const receiver = new WebhookReceiver(() => 200);

  beforeAll(async () => {
    t = fixture.app;
    const server = t.app.getHttpServer() as import('node:http').Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => receiver.stop());

  /** fetch, with each answer held against the OpenAPI document (a mismatch rejects the call). */
  const checkedFetch = async (request: Request): Promise<Response> => {
    const response = await fetch(request);
    const type = response.headers.get('content-type')?.split(';')[0] ?? '';
    const body: unknown = type === 'application/json' ? await response.clone().json() : undefined;
    const problem = contractOf(t.app).check(request.method, request.url, { status: response.status, type, body });
    if (problem) throw new Error(`OpenAPI contract: ${problem}`);
    return response;
  };
  const clientWith = (credential: string) =>
    createClient<paths>({ baseUrl, fetch: checkedFetch, headers: { Authorization: `Bearer ${credential}` } });

  /** The body of a 2xx answer, or a failure naming the error the API gave. */
  function ok<T>(answer: { data?: T; error?: unknown; response: Response }): T {
    if (answer.data === undefined)
      throw new Error(`${answer.response.status} ${answer.response.url}: ${JSON.stringify(answer.error)}`);
    return answer.data;
  }

  it('runs ingest, review, sanctions, appeal, webhook, feed and compliance flows', async () => {
    const { id: platformId, apiKey } = await t.createPlatform();
    const platform = clientWith(apiKey);
    const reviewer = clientWith((await t.createStaff('reviewer')).token);
    const senior = clientWith((await t.createStaff('senior_reviewer')).token);
    const officer = clientWith((await t.createStaff('compliance')).token);

    // Webhook first, so the sanction below is delivered to it.
    const webhook = ok(await platform.PUT('/v1/webhook', { body: { url: await receiver.start() } }));
    expect(webhook.secret).toMatch(/^whsec_/);

    const registered = await platform.POST('/v1/streams', {
      body: { externalId: 'room-8808', streamerId: 'streamer-42', title: '深夜聊天' },
    });
    expect(registered.response.status).toBe(201);
    const stream = ok(registered);
    ok(await platform.PATCH('/v1/streams/{id}', { params: { path: { id: stream.id } }, body: { viewerCount: 1200 } }));

    // A segment upload (multipart), polled until classified, and its frames.
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(FIXTURES, 'segment-10s.ts'))]), 'segment-10s.ts');
    form.append('startOffsetMs', '0');
    const uploaded = await platform.POST('/v1/streams/{streamId}/segments', {
      params: { path: { streamId: stream.id } },
      body: form as never,
      bodySerializer: (body) => body as FormData,
    });
    expect(uploaded.response.status).toBe(202);
    const segmentId = ok(uploaded).id;
    const segment = await waitFor(async () => {
      const read = ok(await platform.GET('/v1/segments/{id}', { params: { path: { id: segmentId } } }));
      return read.status === 'classified' || read.status === 'failed' ? read : undefined;
    }, 'the segment to be classified');
    expect(segment.status).toBe('classified');
    expect(segment.results?.frames.length).toBeGreaterThan(0);
    const frames = ok(await platform.GET('/v1/streams/{id}/frames', { params: { path: { id: stream.id } } }));
    expect(frames.frames.length).toBeGreaterThan(0);

    // A post as JSON, chat with a gambling recruiter's line, a minor's tip.
    const post = ok(
      await platform.POST('/v1/posts', { body: { externalId: 'post-1', authorId: 'author-7', text: '今天天气很好' } }),
    );
    const chat = ok(
      await platform.POST('/v1/streams/{streamId}/chat', {
        params: { path: { streamId: stream.id } },
        body: {
          lines: [
            { at: new Date().toISOString(), senderId: 'fan-1', text: '主播晚上好' },
            { at: new Date().toISOString(), senderId: 'bot-1', text: '澳门百家乐 加微信 bjl8888 充值返水' },
          ],
        },
      }),
    );
    const tips = ok(
      await platform.POST('/v1/streams/{streamId}/tips', {
        params: { path: { streamId: stream.id } },
        body: {
          events: [
            { tipperId: 'fan-2', ageBand: 'minor', amount: '52.00', currency: 'CNY', at: new Date().toISOString() },
          ],
        },
      }),
    );
    const textBatch = await waitFor(async () => {
      const read = ok(await platform.GET('/v1/text-batches/{id}', { params: { path: { id: chat.id } } }));
      return read.status === 'classified' ? read : undefined;
    }, 'the chat batch to be classified');
    expect(textBatch.lines?.find((line) => line.senderId === 'bot-1')?.scores?.gambling).toBeGreaterThan(0.5);
    await waitFor(async () => {
      const read = ok(await platform.GET('/v1/tip-batches/{id}', { params: { path: { id: tips.id } } }));
      return read.status === 'classified' ? read : undefined;
    }, 'the tip batch to be classified');
    await waitFor(async () => {
      const read = ok(await platform.GET('/v1/posts/{id}', { params: { path: { id: post.id } } }));
      return read.status === 'classified' ? read : undefined;
    }, 'the post to be classified');

    const flags = await waitFor(async () => {
      const list = ok(await platform.GET('/v1/flags', { params: { query: { status: 'open' } } }));
      return list.flags.length > 0 ? list.flags : undefined;
    }, 'a flag');
    const flag = ok(await platform.GET('/v1/flags/{id}', { params: { path: { id: flags[0].id } } }));
    expect(flag.evidence.length).toBeGreaterThan(0);

    // Review: the queue, the reasons, a claim, a confirmation with a reason the preview offers.
    expect(ok(await reviewer.GET('/v1/review/queue', {})).flags.length).toBeGreaterThan(0);
    expect(ok(await reviewer.GET('/v1/review/reasons', {})).policyVersion).toBeTruthy();
    const claimed = ok(await reviewer.POST('/v1/review/claims', {})).flag;
    if (!claimed) throw new Error('the queue was empty');
    const [reasonCode, preview] = Object.entries(claimed.consequences)[0];
    const decided = ok(
      await reviewer.POST('/v1/review/flags/{id}/decision', {
        params: { path: { id: claimed.id } },
        body: { verdict: 'confirm', reasonCode, ...(preview.expect ? { expect: preview.expect } : {}) },
      }),
    );
    expect(decided.flag.reviewState).toBe('confirmed');
    const sanction = decided.sanction;
    if (!sanction) throw new Error('the confirmation issued no sanction');

    // The platform hears of it by webhook and by the feed, reads it, and the account appeals.
    await waitFor(
      async () => (receiver.calls.some((c) => c.body.includes(sanction.id)) ? true : undefined),
      'the webhook',
    );
    const feed = ok(await platform.GET('/v1/sanctions', { params: { query: { since: 0 } } }));
    expect(feed.events.map((e) => e.type)).toContain('sanction.issued');
    expect(
      ok(await platform.GET('/v1/sanctions/{id}', { params: { path: { id: sanction.id } } })).statement,
    ).toBeTruthy();
    const deliveries = ok(await platform.GET('/v1/deliveries', {}));
    expect(deliveries.deliveries.some((d) => d.sanctionId === sanction.id)).toBe(true);
    const appealed = await platform.POST('/v1/sanctions/{id}/appeals', {
      params: { path: { id: sanction.id } },
      body: { statement: '我没有发过这条消息' },
    });
    expect(appealed.response.status).toBe(201);
    const appeal = ok(appealed);
    const pending = ok(await senior.GET('/v1/review/appeals', {}));
    expect(pending.appeals.map((a) => a.id)).toContain(appeal.id);
    const upheld = ok(
      await senior.POST('/v1/review/appeals/{id}/decision', {
        params: { path: { id: appeal.id } },
        body: { outcome: 'uphold', note: 'The line is in the evidence.' },
      }),
    );
    expect(upheld.status).toBe('upheld');
    expect(ok(await platform.GET('/v1/appeals/{id}', { params: { path: { id: appeal.id } } })).status).toBe('upheld');

    // Compliance: the sanctions, the account's history by the platform's own id, the audit log.
    const listed = ok(await officer.GET('/v1/compliance/sanctions', { params: { query: { platformId } } }));
    expect(listed.sanctions.map((s) => s.id)).toContain(sanction.id);
    const externalId = sanction.account.externalId;
    if (!externalId) throw new Error('the sanction names no external account id');
    const history = ok(
      await officer.GET('/v1/compliance/platforms/{platformId}/accounts/{externalId}/history', {
        params: { path: { platformId, externalId } },
      }),
    );
    expect(history.sanctions.map((s) => s.id)).toContain(sanction.id);
    expect(ok(await officer.GET('/v1/audit/verify', {})).ok).toBe(true);

    // The synchronous text check, and an error answer read through its documented code.
    const checked = ok(
      await platform.POST('/v1/classify/text', { body: { texts: [{ id: 'a', text: '百家乐包赢' }] } }),
    );
    expect(checked.results[0].id).toBe('a');
    const missing = await platform.GET('/v1/flags/{id}', { params: { path: { id: 'no-such-flag' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.code).toBe('flag_not_found');
  });
});
