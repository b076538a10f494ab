import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { serviceBackends } from '../helpers/test-app';
import { S3RVER_CREDENTIALS, startS3Server } from '../helpers/s3-server';
import { StoredMediaProbe, describeRetention } from '../suites/retention.suite';

/** The media in a bucket on a real S3-compatible server (s3rver): retention deletes objects, not files. */
async function bucketProbe(): Promise<StoredMediaProbe> {
  const s3 = await startS3Server();
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: S3RVER_CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: S3RVER_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    },
  });
  return {
    env: s3.env(),
    exists: async (path) =>
      ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: path }))).KeyCount ?? 0) > 0,
    close: async () => {
      client.destroy();
      await s3.close();
    },
  };
}

describeRetention('PostgreSQL + BullMQ, media in S3 (s3rver)', serviceBackends, bucketProbe);
