import { join } from 'node:path';
import { EnvironmentError, loadConfig } from '@qinglang/config';
import { FIXTURES, useEmbeddedApp, waitForTerminal } from '../helpers/test-app';

const tooLong = {
  code: 'media_too_long',
  reason: 'The video lasts 0:00:10, more than the 0:00:05 this service accepts; send it in shorter parts.',
};

/** MAX_MEDIA_DURATION_SECONDS: the worker refuses a longer segment or post video from what ffmpeg reads of it. */
describe('media longer than MAX_MEDIA_DURATION_SECONDS', () => {
  // segment-10s.ts lasts 10 s, segment-flv.flv 4.08 s.
  const embedded = useEmbeddedApp({ MAX_MEDIA_DURATION_SECONDS: '5' });
  const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

  it('fails a segment longer than the limit with media_too_long, and classifies a shorter one', async () => {
    const t = embedded.app;
    const { apiKey } = await t.createPlatform();
    const stream = await t
      .http()
      .post('/v1/streams')
      .set(auth(apiKey))
      .send({ externalId: 'room-1', streamerId: 'u1' });
    const upload = (fixture: string) =>
      t.http().post(`/v1/streams/${stream.body.id}/segments`).set(auth(apiKey)).attach('file', join(FIXTURES, fixture));
    const long = await upload('segment-10s.ts');
    const short = await upload('segment-flv.flv');
    expect([long.status, short.status]).toEqual([202, 202]);
    const refused = await waitForTerminal(t.http, apiKey, `/v1/segments/${long.body.id}`);
    expect(refused).toMatchObject({ status: 'failed', failure: tooLong });
    const classified = await waitForTerminal(t.http, apiKey, `/v1/segments/${short.body.id}`);
    expect(classified.status).toBe('classified');
  });

  it("fails a post whose video is longer than the limit, with the video's reason", async () => {
    const t = embedded.app;
    const { apiKey } = await t.createPlatform();
    const post = await t
      .http()
      .post('/v1/posts')
      .set(auth(apiKey))
      .field('externalId', 'post-1')
      .field('authorId', 'writer-1')
      .field('text', '今天的风景')
      .attach('video', join(FIXTURES, 'segment-10s.ts'));
    expect(post.status).toBe(202);
    expect(await waitForTerminal(t.http, apiKey, `/v1/posts/${post.body.id}`)).toMatchObject({
      status: 'failed',
      failure: tooLong,
    });
  });

  it('is one hour unless set, and a bad value stops the process naming it', () => {
    expect(loadConfig({}).media.maxMediaDurationSeconds).toBe(3600);
    for (const bad of ['0', '1.5', 'an hour', '100000']) {
      expect(() => loadConfig({ MAX_MEDIA_DURATION_SECONDS: bad })).toThrow(EnvironmentError);
      expect(() => loadConfig({ MAX_MEDIA_DURATION_SECONDS: bad })).toThrow(/MAX_MEDIA_DURATION_SECONDS=/);
    }
  });
});
