import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/**
 * s3rver's built-in key pair. It refuses an unknown access key id (403 InvalidAccessKeyId); it does not verify AWS
 * signature v4 itself, so a wrong secret goes unnoticed there (a real S3, MinIO or Ceph refuses it).
 */
export const S3RVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** The environment that points Qinglang at this server (STORAGE_URL, S3_*, AWS_* keys). */
  env(prefix?: string): Record<string, string>;
  close(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver, from npm) on a spare 127.0.0.1 port, keeping its objects in a folder of its
 * own, with one bucket. Path-style requests, as a self-hosted MinIO or Ceph takes them.
 */
export async function startS3Server(bucket = 'evidence'): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'qinglang-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: (prefix = '') => ({
      STORAGE_URL: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      ...S3RVER_CREDENTIALS,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    }),
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
