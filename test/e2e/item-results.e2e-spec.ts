import { join } from 'node:path';
import { FIXTURES, TestApp, useEmbeddedApp, waitForTerminal } from '../helpers/test-app';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface FlagLink {
  id: string;
  category: string;
  url: string;
}
interface FrameView {
  id: string;
  scores: Record<string, number> | null;
  overlay: {
    read: { text: boolean; qr: boolean };
    lines: Array<{ text: string; box: Box }>;
    qrCodes: Array<{ host: string | null; box: Box }>;
  } | null;
  text: { scores: Record<string, number>; spans: Array<{ text: string }> } | null;
  flags: FlagLink[];
}

/** An item's GET shows what each model found in it (frames, on-screen text, QR codes, lines, tips) and its flags. */
describe("results on an item's GET", () => {
  const fixture = useEmbeddedApp();
  let t: TestApp;
  let key: string;
  let otherKey: string;
  const auth = (k = key) => ({ Authorization: `Bearer ${k}` });
  const base = Date.parse('2026-11-24T20:00:00Z');
  const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();

  beforeAll(async () => {
    t = fixture.app;
    key = (await t.createPlatform()).apiKey;
    otherKey = (await t.createPlatform()).apiKey;
  });

  async function stream(externalId: string): Promise<string> {
    const response = await t
      .http()
      .post('/v1/streams')
      .set(auth())
      .send({ externalId, streamerId: `${externalId}-host` });
    return response.body.id as string;
  }

  async function segment(file: string, externalId: string) {
    const streamId = await stream(externalId);
    const response = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(auth())
      .field('startOffsetMs', '30000')
      .attach('file', join(FIXTURES, file));
    expect(response.status).toBe(202);
    const done = await waitForTerminal(t.http, key, `/v1/segments/${response.body.id}`);
    expect(done.status).toBe('classified');
    return { id: response.body.id as string, done };
  }

  async function batch(path: string, body: object) {
    const response = await t.http().post(path).set(auth()).send(body);
    expect(response.status).toBe(202);
    const kind = path.endsWith('/tips') ? 'tip-batches' : 'text-batches';
    const done = await waitForTerminal(t.http, key, `/v1/${kind}/${response.body.id}`);
    expect(done.status).toBe('classified');
    return { path: `/v1/${kind}/${response.body.id}`, done };
  }

  it("shows each frame's porn scores, the text read with its boxes, the QR payload, and the flag they joined", async () => {
    const { id, done } = await segment('segment-gambling-overlay.ts', 'casino-results');
    const frames = done.results.frames as FrameView[];
    expect(frames.length).toBeGreaterThan(0);
    // Every class NSFWJS gives, per frame.
    for (const frame of frames.filter((f) => f.scores))
      expect(Object.keys(frame.scores!).sort()).toEqual(['drawing', 'hentai', 'neutral', 'porn', 'sexy']);
    const read = frames.filter((f) => f.overlay?.read.text);
    expect(read.length).toBeGreaterThan(0);
    const lines = read.flatMap((f) => f.overlay!.lines);
    expect(lines.map((l) => l.text.replace(/\s+/g, '')).join('\n')).toMatch(/百家乐|澳门/);
    for (const line of lines) {
      expect(line.box.width).toBeGreaterThan(0);
      expect(line.box.height).toBeGreaterThan(0);
    }
    const qr = frames.flatMap((f) => f.overlay?.qrCodes ?? []);
    expect(qr.map((q) => q.host)).toContain('bet-888-casino.example');
    // The overlay's text scored as gambling, and that frame is evidence in the gambling flag.
    const evidence = frames.find((f) => f.text && f.text.scores.gambling > 0.5);
    expect(evidence?.text?.spans.length).toBeGreaterThan(0);
    expect(evidence?.flags.map((f) => f.category)).toContain('gambling');
    const link = evidence!.flags.find((f) => f.category === 'gambling')!;
    expect(link.url).toBe(`/v1/flags/${link.id}`);
    expect(done.results.flags.map((f: FlagLink) => f.id)).toContain(link.id);
    const flag = await t.http().get(link.url).set(auth());
    expect(flag.status).toBe(200);
    expect(flag.body.evidence.map((e: { source: { id: string } }) => e.source.id)).toContain(evidence!.id);

    // Paged: one frame at a time, the body says where the next is.
    const first = await t.http().get(`/v1/segments/${id}?limit=1`).set(auth());
    expect(first.body.results.frames).toHaveLength(1);
    expect(first.body.results.page).toEqual({
      offset: 0,
      limit: 1,
      total: done.results.summary.framesSampled,
      nextOffset: frames.length > 1 ? 1 : null,
    });
    // A page without the flagged frame still gives the segment's flags: the item is not read as clean.
    const clean = frames.findIndex((f) => f.flags.length === 0);
    expect(clean).toBeGreaterThanOrEqual(0);
    const elsewhere = await t.http().get(`/v1/segments/${id}?offset=${clean}&limit=1`).set(auth());
    expect(elsewhere.body.results.frames.map((f: FrameView) => f.flags)).toEqual([[]]);
    expect(elsewhere.body.results.flags.map((f: FlagLink) => f.id)).toContain(link.id);
    const bad = await t.http().get(`/v1/segments/${id}?limit=100000`).set(auth());
    expect(bad.status).toBe(400);
    expect(bad.body.code).toEqual(expect.any(String));

    // Another platform's key sees neither the segment nor its flag.
    expect((await t.http().get(`/v1/segments/${id}`).set(auth(otherKey))).status).toBe(404);
    expect((await t.http().get(link.url).set(auth(otherKey))).status).toBe(404);
  });

  it('keeps the text read on a harmless caption, with no score and no flag', async () => {
    const { done } = await segment('segment-benign-overlay.ts', 'cooking-results');
    const frames = done.results.frames as FrameView[];
    const lines = frames.flatMap((f) => f.overlay?.lines ?? []);
    expect(lines.length).toBeGreaterThan(0);
    expect(frames.every((f) => f.flags.length === 0)).toBe(true);
    expect(done.results.flags).toEqual([]);
  });

  it("shows a post's text scores and its image's overlay reading, and the flag its text joined", async () => {
    const response = await t
      .http()
      .post('/v1/posts')
      .set(auth())
      .field('externalId', 'post-results-1')
      .field('authorId', 'writer-results')
      .field('text', '澳门百家乐，加微信上分')
      .attach('images', join(FIXTURES, 'image.png'));
    expect(response.status).toBe(202);
    const done = await waitForTerminal(t.http, key, `/v1/posts/${response.body.id}`);
    expect(done.status).toBe('classified');
    expect(done.results.text.scores.gambling).toBeGreaterThan(0.5);
    expect(done.results.text.spans.length).toBeGreaterThan(0);
    const link = done.results.text.flags.find((f: FlagLink) => f.category === 'gambling');
    expect(link.url).toBe(`/v1/flags/${link.id}`);
    expect(done.results.flags.map((f: FlagLink) => f.id)).toContain(link.id);
    // A post image's overlays are always read: the reading is there, whatever it found.
    const [image] = done.results.frames as FrameView[];
    expect(image.overlay?.read).toEqual({ text: true, qr: true });
    expect(Object.keys(image.scores!).sort()).toEqual(['drawing', 'hentai', 'neutral', 'porn', 'sexy']);
    expect((await t.http().get(`/v1/posts/${response.body.id}`).set(auth(otherKey))).status).toBe(404);
  });

  it("shows each chat line's scores and spans, each tip's rules, and the flag they joined", async () => {
    const streamId = await stream('induce-results');
    const chat = await batch(`/v1/streams/${streamId}/chat`, {
      lines: [
        { at: at(0), senderId: 'fan-1', text: '主播晚上好' },
        { at: at(5), senderId: 'induce-results-host', text: '刷十个火箭的加我微信，私聊发福利视频' },
      ],
    });
    const tips = await batch(`/v1/streams/${streamId}/tips`, {
      events: Array.from({ length: 6 }, (_, i) => ({
        tipperId: `fan-${i}`,
        ageBand: 'adult',
        amount: '20.00',
        currency: 'CNY',
        giftName: '火箭',
        at: at(10 + i * 5),
      })),
    });
    // The flag hop has run by `classified`; read both again, now that the flag holds the line and the tips.
    const lines = (await t.http().get(chat.path).set(auth())).body;
    // A greeting reaches no evidence threshold, so nothing was stored: the running text model scores it when read.
    const greeting = lines.lines[0];
    expect(greeting).toMatchObject({ text: '主播晚上好', scoredBy: 'recomputed', bank: [], flags: [] });
    expect(Object.keys(greeting.scores).sort()).toEqual(['gambling', 'porn', 'tipping']);
    for (const score of Object.values(greeting.scores as Record<string, number>)) expect(score).toBeLessThan(0.3);
    const inducement = lines.lines[1];
    expect(inducement.scoredBy).toBe('stored');
    expect(inducement.scores.tipping).toBeGreaterThan(0.5);
    expect(Object.keys(inducement.scores).sort()).toEqual(['gambling', 'porn', 'tipping']);
    expect(inducement.spans.length).toBeGreaterThan(0);
    expect(inducement.model.name).toBe('qinglang-text');
    // The same model, the same version: what is recomputed is comparable with what is stored.
    expect(greeting.model).toEqual(inducement.model);
    expect(lines.results.note).toContain('recomputed');
    const tipping = inducement.flags.find((f: FlagLink) => f.category === 'tipping');
    expect(tipping.url).toBe(`/v1/flags/${tipping.id}`);
    expect(lines.results).toMatchObject({ scored: 1, page: { offset: 0, total: 2, nextOffset: null } });
    expect(lines.results.flags.map((f: FlagLink) => f.id)).toContain(tipping.id);

    const events = (await t.http().get(tips.path).set(auth())).body;
    const tripped = events.events.filter((e: { rules: Array<{ rule: string }> }) =>
      e.rules.some((r) => r.rule === 'burst_after_inducement'),
    );
    expect(tripped.length).toBeGreaterThan(0);
    expect(tripped[0].score).toBeGreaterThan(0);
    expect(tripped[0].flags.map((f: FlagLink) => f.id)).toContain(tipping.id);

    const page = (await t.http().get(`${chat.path}?offset=1&limit=1`).set(auth())).body;
    expect(page.lines.map((l: { text: string }) => l.text)).toEqual(['刷十个火箭的加我微信，私聊发福利视频']);
    expect(page.results.page).toEqual({ offset: 1, limit: 1, total: 2, nextOffset: null });

    expect((await t.http().get(chat.path).set(auth(otherKey))).status).toBe(404);
    expect((await t.http().get(tips.path).set(auth(otherKey))).status).toBe(404);
  });

  it('scores every line of a long chat page when read, 200 lines a page by default', async () => {
    const streamId = await stream('long-chat-results');
    const chat = await batch(`/v1/streams/${streamId}/chat`, {
      lines: Array.from({ length: 250 }, (_, i) => ({ at: at(i), senderId: `fan-${i}`, text: `第${i}条 主播晚上好` })),
    });
    type Line = { scoredBy: string | null; scores: Record<string, number> | null };
    const first = (await t.http().get(chat.path).set(auth())).body;
    expect(first.lines).toHaveLength(200);
    expect(first.results.page).toEqual({ offset: 0, limit: 200, total: 250, nextOffset: 200 });
    expect(first.lines.filter((l: Line) => l.scoredBy === 'recomputed' && l.scores)).toHaveLength(200);
    const rest = (await t.http().get(`${chat.path}?offset=200`).set(auth())).body;
    expect(rest.lines.map((l: Line) => l.scoredBy)).toEqual(Array(50).fill('recomputed'));
    expect(rest.results.page.nextOffset).toBeNull();
  });
});
