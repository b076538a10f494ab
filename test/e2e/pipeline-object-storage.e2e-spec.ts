import { embeddedBackends } from '../helpers/test-app';
import { S3TestServer, startS3Server } from '../helpers/s3-server';
import { describePipeline } from '../suites/pipeline.suite';

/** The backbone suite again, with the media and the evidence in a real S3-compatible server (s3rver). */
let s3: S3TestServer | undefined;
afterAll(() => s3?.close());

describePipeline('SQLite + in-process queue, media in S3-compatible storage', async () => {
  s3 ??= await startS3Server();
  const backends = await embeddedBackends();
  return { env: { ...backends.env, ...s3.env('pipeline') }, cleanup: () => backends.cleanup() };
});
