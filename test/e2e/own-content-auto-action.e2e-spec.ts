import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, TestApp, useEmbeddedApp, waitFor, waitForTerminal } from '../helpers/test-app';
import { GAMBLING_LINES, ReviewFixture } from '../helpers/review-client';

// A policy that interrupts gambling too (the shipped one interrupts only porn), at two pieces of own content.
const dir = mkdtempSync(join(tmpdir(), 'ql-policy-'));
const policyPath = join(dir, 'policy.yaml');
writeFileSync(
  policyPath,
  readFileSync('config/policy.yaml', 'utf8').replace(
    'window_seconds: 600\n    severity: 3\n    ladder: [warning, suspension 3d',
    'window_seconds: 600\n    severity: 3\n    auto_action_threshold: 0.9\n    auto_action_min_signals: 2\n    ladder: [warning, suspension 3d',
  ),
);

/** Only the streamer's own content (frames, on-screen text, their transcript) may interrupt a stream before review. */
describe('automatic action on the streamer’s own content only', () => {
  const fixture = useEmbeddedApp({ POLICY_PATH: policyPath });
  let t: TestApp;
  let f: ReviewFixture;
  const platform = () => ({ Authorization: `Bearer ${f.apiKey}` });

  beforeAll(async () => {
    t = fixture.app;
    f = new ReviewFixture(t, (await t.createPlatform()).apiKey);
    expect(readFileSync(policyPath, 'utf8')).toContain('auto_action_threshold: 0.9');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function lines(streamId: string, kind: 'chat' | 'transcripts', senderId: string, texts: string[]) {
    const now = Date.now();
    const response = await t
      .http()
      .post(`/v1/streams/${streamId}/${kind}`)
      .set(platform())
      .send({ lines: texts.map((text, i) => ({ at: new Date(now + i).toISOString(), senderId, text })) });
    expect(response.status).toBe(202);
    expect((await waitForTerminal(t.http, f.apiKey, `/v1/text-batches/${response.body.id}`)).status).toBe('classified');
  }

  const interruptions = async (streamExternalId: string) =>
    (await f.feed()).events.filter(
      (e) =>
        e.sanction.action === 'stream_interruption' &&
        (e.sanction as unknown as { subject: { externalId: string } }).subject.externalId === streamExternalId,
    );

  it("interrupts on the streamer's transcript and on-screen overlay", async () => {
    const streamId = await f.stream('own-room', 'own-host', { status: 'live', viewerCount: 900 });
    const segment = await t
      .http()
      .post(`/v1/streams/${streamId}/segments`)
      .set(platform())
      .field('startOffsetMs', '0')
      .attach('file', join(FIXTURES, 'segment-gambling-overlay.ts'));
    expect(segment.status).toBe(202);
    expect((await waitForTerminal(t.http, f.apiKey, `/v1/segments/${segment.body.id}`)).status).toBe('classified');
    await lines(streamId, 'transcripts', 'own-host', [GAMBLING_LINES[0], GAMBLING_LINES[3]]);
    const [flag] = await f.openFlags(streamId, 'gambling');
    expect(flag).toMatchObject({ party: 'creator', subject: { kind: 'stream', id: streamId } });
    const sources = (await t.http().get(`/v1/flags/${flag.id}`).set(platform())).body.evidence.map(
      (e: { source: { kind: string }; actor: { role: string } }) => `${e.source.kind}:${e.actor.role}`,
    );
    expect(sources).toEqual(expect.arrayContaining(['frame_text:streamer', 'text_line:streamer']));
    const [interim] = await waitFor(
      async () => ((await interruptions('own-room')).length ? interruptions('own-room') : undefined),
      'the interruption',
    );
    expect(interim.sanction).toMatchObject({ kind: 'interim', action: 'stream_interruption' });
  });

  it('never interrupts on the same lines in viewer chat', async () => {
    const streamId = await f.stream('chat-room', 'chat-host', { status: 'live', viewerCount: 900 });
    await lines(streamId, 'chat', 'viewer-9', [GAMBLING_LINES[0], GAMBLING_LINES[3], GAMBLING_LINES[1]]);
    expect(await f.openFlags(streamId)).toEqual([]);
    const viewerFlags = (await t.http().get('/v1/flags?status=open&subjectKind=account').set(platform())).body.flags;
    expect(
      viewerFlags.map((fl: { party: string; account: { externalId: string } }) => [fl.party, fl.account.externalId]),
    ).toEqual([['viewer', 'viewer-9']]);
    // An interruption needs a creator's stream flag, and there is none: nothing can be interrupted.
    expect(await interruptions('chat-room')).toEqual([]);
  });
});
