import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const SEGMENT = readFileSync(join(FIXTURES, 'segment-10s.ts'));

/** What one call got: the status (0 when no answer came within the time limit or the connection failed). */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read as supertest bodies are in the other suites
  body: any;
  ms: number;
  retryAfter: string | null;
  /** `timeout` (no answer in time) or `refused` (no connection) when status is 0. */
  error?: 'timeout' | 'refused';
}

/** An item the API accepted (202): how to read its status back. */
export interface Accepted {
  kind: 'segment' | 'text_batch' | 'tip_batch';
  id: string;
  path: string;
  platform: string;
  acceptedAt: number;
}

export const TERMINAL = ['classified', 'failed'];

/**
 * The platform side of the API over real HTTP, every call with a time limit: a call that gets no answer is
 * counted, never waited for.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly label: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async call(method: string, path: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<Answer> {
    const started = Date.now();
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON; keep the text
      }
      return {
        status: response.status,
        body: parsed,
        ms: Date.now() - started,
        retryAfter: response.headers.get('retry-after'),
      };
    } catch (error) {
      const name = (error as Error)?.name;
      return {
        status: 0,
        body: String((error as Error)?.cause ?? error),
        ms: Date.now() - started,
        retryAfter: null,
        error: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'refused',
      };
    }
  }

  async stream(externalId: string, streamerId: string): Promise<string> {
    const answer = await this.call('POST', '/v1/streams', { externalId, streamerId, status: 'live' });
    if (answer.status !== 201 && answer.status !== 200)
      throw new Error(`${this.label} stream ${externalId}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.id as string;
  }

  async setWebhook(url: string): Promise<void> {
    const answer = await this.call('PUT', '/v1/webhook', { url });
    if (answer.status !== 200)
      throw new Error(`${this.label} webhook: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  segment(streamId: string, startOffsetMs: number): Promise<Answer> {
    const form = new FormData();
    form.set('startOffsetMs', String(startOffsetMs));
    form.set('file', new Blob([SEGMENT]), 'segment.ts');
    return this.call('POST', `/v1/streams/${streamId}/segments`, form, 20_000);
  }

  chat(streamId: string, senderId: string, texts: string[]): Promise<Answer> {
    const now = Date.now();
    const lines = texts.map((text, i) => ({ at: new Date(now + i).toISOString(), senderId, text }));
    return this.call('POST', `/v1/streams/${streamId}/chat`, { lines });
  }

  tips(streamId: string, tipperId: string, amounts: string[]): Promise<Answer> {
    const now = Date.now();
    const events = amounts.map((amount, i) => ({
      tipperId,
      ageBand: 'adult',
      amount,
      currency: 'CNY',
      giftName: '小心心',
      at: new Date(now + i).toISOString(),
    }));
    return this.call('POST', `/v1/streams/${streamId}/tips`, { events });
  }

  /** The item's public status, or undefined when the API did not answer. */
  async status(item: Accepted): Promise<string | undefined> {
    return (await this.read(item)).status;
  }

  /** The item as the API shows it: its status and, when failed, the failure's code; or what the API answered. */
  async read(item: Accepted): Promise<{ status?: string; failure?: string; answer: string }> {
    const answer = await this.call('GET', item.path, undefined, 5000);
    if (answer.status !== 200)
      return { answer: answer.status ? `HTTP ${answer.status}` : (answer.error ?? 'no answer') };
    return { status: answer.body.status as string, failure: answer.body.failure?.code as string, answer: 'HTTP 200' };
  }

  async openFlags(streamId: string): Promise<Array<{ id: string; category: string }>> {
    const answer = await this.call('GET', `/v1/flags?status=open&subjectId=${streamId}`, undefined, 5000);
    return answer.status === 200 ? (answer.body.flags as Array<{ id: string; category: string }>) : [];
  }
}

/** The item an answer stands for, when it is a 202. */
export function acceptedItem(answer: Answer, kind: Accepted['kind'], platform: string): Accepted | undefined {
  if (answer.status !== 202) return undefined;
  const id = answer.body.id as string;
  const path = {
    segment: `/v1/segments/${id}`,
    text_batch: `/v1/text-batches/${id}`,
    tip_batch: `/v1/tip-batches/${id}`,
  }[kind];
  return { kind, id, path, platform, acceptedAt: Date.now() };
}

/** A reviewer through the review API with a staff token from the CLI: confirms flags so they become sanctions. */
export class Reviewer {
  constructor(private readonly api: ApiClient) {}

  /** Claims and confirms the flag; true once it is confirmed (now or before), false when the API refused or was down. */
  async confirm(flagId: string, category: string): Promise<boolean> {
    const reasons: Record<string, string> = {
      gambling: 'gambling_promotion',
      porn: 'sexual_content',
      tipping: 'induced_tipping',
    };
    const claimed = await this.api.call('POST', `/v1/review/flags/${flagId}/claim`, {}, 5000);
    if (claimed.status === 409 && /decided/.test(JSON.stringify(claimed.body))) return true;
    if (claimed.status !== 200 && claimed.status !== 201) return false;
    let decided = await this.api.call(
      'POST',
      `/v1/review/flags/${flagId}/decision`,
      { verdict: 'confirm', reasonCode: reasons[category] ?? 'gambling_promotion' },
      5000,
    );
    // A severe consequence must be echoed back: send what the API says it would issue.
    const expected = decided.body?.details?.sanction?.action as string | undefined;
    if (decided.status === 409 && expected)
      decided = await this.api.call(
        'POST',
        `/v1/review/flags/${flagId}/decision`,
        { verdict: 'confirm', reasonCode: reasons[category] ?? 'gambling_promotion', expect: expected },
        5000,
      );
    if (decided.status === 409 && /already_decided/.test(JSON.stringify(decided.body))) return true;
    return decided.status === 200 || decided.status === 201;
  }
}
