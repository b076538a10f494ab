import type { TestApp } from './test-app';
import { waitForTerminal } from './test-app';

/** What the sanction and review suites do again and again, through the public API only. */
export class ReviewFixture {
  constructor(
    private readonly t: TestApp,
    readonly apiKey: string,
  ) {}

  private auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** Each stream's streamer, so the fixture's chat is the streamer's own (what the streamer answers for). */
  private readonly streamers = new Map<string, string>();

  async stream(externalId: string, streamerId: string, extra: object = {}): Promise<string> {
    const response = await this.t
      .http()
      .post('/v1/streams')
      .set(this.auth(this.apiKey))
      .send({ externalId, streamerId, ...extra });
    if (response.status >= 300) throw new Error(`stream: ${response.status} ${JSON.stringify(response.body)}`);
    this.streamers.set(response.body.id, streamerId);
    return response.body.id;
  }

  /**
   * Sends chat lines and waits until the batch is classified (its flag hop done). The lines are the streamer's
   * own unless a sender is given (a viewer's lines count against the viewer, never the streamer).
   */
  async chat(streamId: string, texts: string[], senderId = this.streamers.get(streamId) ?? 'viewer'): Promise<void> {
    await this.lines('chat', streamId, texts, senderId);
  }

  /** Sends transcript lines (the streamer speaking) and waits until the batch is classified. */
  async transcript(streamId: string, texts: string[]): Promise<void> {
    await this.lines('transcripts', streamId, texts, this.streamers.get(streamId) ?? 'host');
  }

  private async lines(route: 'chat' | 'transcripts', streamId: string, texts: string[], senderId: string) {
    const now = Date.now();
    const lines = texts.map((text, i) => ({ at: new Date(now + i).toISOString(), senderId, text }));
    const response = await this.t
      .http()
      .post(`/v1/streams/${streamId}/${route}`)
      .set(this.auth(this.apiKey))
      .send({ lines });
    if (response.status !== 202) throw new Error(`${route}: ${response.status} ${JSON.stringify(response.body)}`);
    const batch = await waitForTerminal(this.t.http, this.apiKey, `/v1/text-batches/${response.body.id}`);
    if (batch.status !== 'classified')
      throw new Error(`${route} batch ${batch.status}: ${JSON.stringify(batch.failure)}`);
  }

  async openFlags(
    subjectId: string,
    category?: string,
  ): Promise<Array<{ id: string; category: string; status: string }>> {
    const response = await this.t
      .http()
      .get(`/v1/flags?status=open&subjectId=${subjectId}${category ? `&category=${category}` : ''}`)
      .set(this.auth(this.apiKey));
    return response.body.flags;
  }

  claimNext(token: string) {
    return this.t.http().post('/v1/review/claims').set(this.auth(token)).send();
  }

  decide(token: string, flagId: string, body: object) {
    return this.t.http().post(`/v1/review/flags/${flagId}/decision`).set(this.auth(token)).send(body);
  }

  claim(token: string, flagId: string) {
    return this.t.http().post(`/v1/review/flags/${flagId}/claim`).set(this.auth(token)).send();
  }

  /**
   * Claims this flag and confirms it; fails loudly if either step is refused. `expect` echoes the consequence
   * preview, as a severe confirmation (30 days or more, delisting, a ban) must.
   */
  async claimAndConfirm(token: string, flagId: string, reasonCode: string, category?: string, expect?: string) {
    const claimed = await this.claim(token, flagId);
    if (claimed.status !== 200)
      throw new Error(`claim ${flagId}: ${claimed.status} ${JSON.stringify(claimed.body).slice(0, 300)}`);
    const decided = await this.decide(token, flagId, {
      verdict: 'confirm',
      reasonCode,
      ...(category ? { category } : {}),
      ...(expect ? { expect } : {}),
    });
    if (decided.status !== 200) throw new Error(`confirm: ${decided.status} ${JSON.stringify(decided.body)}`);
    return decided.body;
  }

  async feed(since = 0) {
    const response = await this.t.http().get(`/v1/sanctions?since=${since}`).set(this.auth(this.apiKey));
    return response.body as {
      events: Array<{
        id: string;
        type: string;
        sequence: number;
        sanction: {
          id: string;
          action: string;
          durationDays: number | null;
          status: string;
          strikeNumber: number | null;
        };
      }>;
      cursor: number;
    };
  }
}

export const GAMBLING_LINES = [
  '澳门百家乐真人荷官在线，加微信上分，包赢',
  '菠菜平台注册就送彩金，稳赚不赔，私聊拉你进群',
  '体育博彩app下载，首充返水百分之二十，加v详聊',
  '线上赌场24小时上下分，百家乐龙虎斗，加q咨询',
];
