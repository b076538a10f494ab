import { TestApp, useEmbeddedApp, waitForTerminal } from '../helpers/test-app';

/**
 * Many chat batches of one room at once, as a busy room sends them: they share flag hops (one evaluation finishes
 * every batch waiting for it), and still each batch is classified once and each evidence line lands on the flag
 * once. And the one-pass check of batch bodies answers exactly what class-validator answers.
 */
describe('chat batches of a busy room', () => {
  const fixture = useEmbeddedApp();
  let t: TestApp;
  let key: string;
  const auth = () => ({ Authorization: `Bearer ${key}` });
  const at = (n: number) => new Date(Date.now() - 60_000 + n * 100).toISOString();

  beforeAll(async () => {
    t = fixture.app;
    key = (await t.createPlatform()).apiKey;
  });

  async function stream(externalId: string) {
    return (
      await t
        .http()
        .post('/v1/streams')
        .set(auth())
        .send({ externalId, streamerId: `${externalId}-host`, status: 'live' })
    ).body.id as string;
  }

  it('classifies 16 batches sent at once, each once, and puts every flood line on one cluster flag once', async () => {
    const streamId = await stream('busy-room');
    const batches = Array.from({ length: 16 }, (_, b) => ({
      lines: [
        ...Array.from({ length: 40 }, (_, i) => ({ at: at(b * 50 + i), senderId: `fan-${i}`, text: '主播晚上好' })),
        // One flood line per batch, each from its own bot: together a cluster of 16 senders.
        { at: at(b * 50 + 45), senderId: `bot-${b}`, text: '澳门百家乐 加微信 bjl8888 充值返水' },
      ],
    }));
    const accepted = await Promise.all(
      batches.map((body) => t.http().post(`/v1/streams/${streamId}/chat`).set(auth()).send(body)),
    );
    expect(accepted.map((r) => r.status)).toEqual(batches.map(() => 202));
    const done = await Promise.all(accepted.map((r) => waitForTerminal(t.http, key, `/v1/text-batches/${r.body.id}`)));
    expect(done.map((b) => b.status)).toEqual(batches.map(() => 'classified'));
    expect(done.every((b) => b.lines.length === 41)).toBe(true);

    const flags = (await t.http().get(`/v1/flags?subjectId=${streamId}`).set(auth())).body.flags as Array<{
      id: string;
      party: string;
      evidenceCount: number;
    }>;
    const clusters = flags.filter((f) => f.party === 'cluster');
    expect(clusters).toHaveLength(1);
    const detail = (await t.http().get(`/v1/flags/${clusters[0].id}`).set(auth())).body;
    const lines = detail.evidence.map((e: { source: { id: string } }) => e.source.id);
    expect(new Set(lines).size).toBe(lines.length);
    expect(detail.evidence.map((e: { detail: { senderId: string } }) => e.detail.senderId).sort()).toEqual(
      batches.map((_, b) => `bot-${b}`).sort(),
    );
  });

  it('answers malformed batches as class-validator does, and takes what it takes', async () => {
    const streamId = await stream('strict-room');
    const post = (body: unknown) =>
      t
        .http()
        .post(`/v1/streams/${streamId}/chat`)
        .set(auth())
        .send(body as object);
    const line = { at: new Date().toISOString(), senderId: 'fan-1', text: '你好' };
    for (const [body, field] of [
      [{ lines: [{ ...line, colour: 'red' }] }, 'colour'],
      [{ lines: [line], extra: 1 }, 'extra'],
      [{ lines: [{ ...line, at: '2026-02-30T10:00:00Z' }] }, 'at'],
      [{ lines: [{ ...line, text: '' }] }, 'text'],
      [{ lines: [{ ...line, senderId: 'x'.repeat(129) }] }, 'senderId'],
      [{ lines: [] }, 'lines'],
      [{ lines: Array.from({ length: 1001 }, () => line) }, 'lines'],
      [{ lines: ['hello'] }, 'lines'],
    ] as const) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.message).toContain(field);
    }
    // A null sender is no sender (IsOptional), a line without one too.
    const taken = await post({
      lines: [
        { ...line, senderId: null },
        { at: line.at, text: '来了' },
      ],
    });
    expect(taken.status).toBe(202);
    const batch = await waitForTerminal(t.http, key, `/v1/text-batches/${taken.body.id}`);
    expect(batch.lines.map((l: { senderId: string | null }) => l.senderId)).toEqual([null, null]);
  });
});
