import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { S3RVER_CREDENTIALS, S3TestServer, startS3Server } from '../helpers/s3-server';
import { FIXTURES, TestApp, TestBackends, embeddedBackends, startTestApp, waitForTerminal } from '../helpers/test-app';

/**
 * A frame's evidence JPEG streamed from the bucket to the platform and to a reviewer; once the object is gone
 * (deleted outside Qinglang), both routes answer 404 `frame_image_missing` before sending a byte, not a broken
 * stream or a 500.
 */
describe('evidence images from object storage', () => {
  let s3: S3TestServer;
  let backends: TestBackends;
  let t: TestApp;

  beforeAll(async () => {
    s3 = await startS3Server();
    backends = await embeddedBackends();
    t = await startTestApp(backends, s3.env('images'));
  });
  afterAll(async () => {
    await t?.close();
    await backends?.cleanup();
    await s3?.close();
  });

  it('serves a stored frame, then 404 frame_image_missing once its object is gone', async () => {
    const { id: platformId, apiKey } = await t.createPlatform();
    const auth = { Authorization: `Bearer ${apiKey}` };
    const reviewer = { Authorization: `Bearer ${(await t.createStaff('reviewer')).token}` };
    const stream = await t.http().post('/v1/streams').set(auth).send({ externalId: 'room', streamerId: 'host' });
    const upload = await t
      .http()
      .post(`/v1/streams/${stream.body.id}/segments`)
      .set(auth)
      .field('startOffsetMs', '0')
      .attach('file', join(FIXTURES, 'segment-10s.ts'));
    const done = await waitForTerminal(t.http, apiKey, `/v1/segments/${upload.body.id}`);
    const frame = done.results.frames[0];
    const image = await t.http().get(`/v1/frames/${frame.id}/image`).set(auth);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect((await t.http().get(`/v1/review/frames/${frame.id}/image`).set(reviewer)).status).toBe(200);

    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: {
        accessKeyId: S3RVER_CREDENTIALS.AWS_ACCESS_KEY_ID,
        secretAccessKey: S3RVER_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      },
    });
    const fileName = `${String(frame.positionMs).padStart(10, '0')}.jpg`;
    await client.send(
      new DeleteObjectCommand({
        Bucket: s3.bucket,
        Key: `images/frames/${platformId}/segment-${upload.body.id}/${fileName}`,
      }),
    );
    client.destroy();
    for (const [path, headers] of [
      [`/v1/frames/${frame.id}/image`, auth],
      [`/v1/review/frames/${frame.id}/image`, reviewer],
    ] as const) {
      const gone = await t.http().get(path).set(headers);
      expect(gone.status).toBe(404);
      expect(gone.body).toMatchObject({ code: 'frame_image_missing', message: expect.any(String) });
    }
  });
});
