import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataSource } from 'typeorm';
import { embeddedBackends } from '../helpers/test-app';
import { S3RVER_CREDENTIALS, S3TestServer, startS3Server } from '../helpers/s3-server';
import { describePipeline } from '../suites/pipeline.suite';

/**
 * The backbone suite again, with the media and the evidence in a real S3-compatible server (s3rver); then every
 * stored path the database names is an object in the bucket, nothing else is there, and DATA_DIR keeps no media.
 */
let s3: S3TestServer | undefined;
afterAll(() => s3?.close());
const prefix = 'pipeline';

describePipeline(
  'SQLite + in-process queue, media in S3-compatible storage',
  async () => {
    s3 ??= await startS3Server();
    const backends = await embeddedBackends();
    return { env: { ...backends.env, ...s3.env(prefix) }, cleanup: () => backends.cleanup() };
  },
  (app) => {
    it('keeps every upload and evidence JPEG in the bucket, and no media under DATA_DIR', async () => {
      const t = app();
      const database = t.app.get(DataSource);
      const segments: { media_path: string }[] = await database.query('SELECT media_path FROM segments');
      const frames: { image_path: string }[] = await database.query('SELECT image_path FROM frames');
      // The suite's three uploads and their 5 + 2 + 3 sampled frames.
      expect(segments).toHaveLength(3);
      expect(frames).toHaveLength(10);
      const client = new S3Client({
        endpoint: s3!.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: {
          accessKeyId: S3RVER_CREDENTIALS.AWS_ACCESS_KEY_ID,
          secretAccessKey: S3RVER_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
        },
      });
      try {
        const listed = await client.send(new ListObjectsV2Command({ Bucket: s3!.bucket, Prefix: `${prefix}/` }));
        const objects = (listed.Contents ?? []).map((object) => object.Key!.slice(prefix.length + 1)).sort();
        expect(objects).toEqual([...segments.map((s) => s.media_path), ...frames.map((f) => f.image_path)].sort());
      } finally {
        client.destroy();
      }
      // DATA_DIR holds the database and the keys; no media, no upload, no scratch left by a job.
      const files = readdirSync(t.config.dataDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(t.config.dataDir, join(entry.parentPath, entry.name)));
      expect(files.length).toBeGreaterThan(0);
      expect(
        files.filter(
          (file) => /^(media|frames|uploads|scratch)\//.test(file) || /\.(ts|flv|mp4|jpe?g|png|rgba)$/.test(file),
        ),
      ).toEqual([]);
    });
  },
);
