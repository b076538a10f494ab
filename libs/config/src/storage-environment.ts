import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { EnvironmentError } from './environment-error';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === true || value === 'true' || value === '1'
      ? true
      : value === false || value === 'false' || value === '0'
        ? false
        : value;

/**
 * Where evidence and media are kept. The credentials are not decorated here: a failed check prints the value it
 * refused, and a secret must never reach a log; storageConfig checks them without printing them.
 */
export class StorageEnvironment {
  @IsOptional() @IsString() STORAGE_URL?: string;
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'S3_ENDPOINT must be an http:// or https:// URL' })
  S3_ENDPOINT?: string;
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'S3_REGION must be a region name such as us-east-1' })
  S3_REGION?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() S3_FORCE_PATH_STYLE?: boolean;
}

export type StorageLocation = { driver: 'local' } | { driver: 's3'; bucket: string; prefix: string };

export type StorageConfig =
  | { driver: 'local' }
  | {
      driver: 's3';
      bucket: string;
      /** Prepended to every key with a slash; '' for the bucket's root. */
      prefix: string;
      /** Unset: AWS itself. Set for MinIO, Ceph, s3rver, a cloud's S3-compatible service. */
      endpoint?: string;
      region: string;
      /** bucket in the path (http://host/bucket/key) rather than the host name: what most self-hosted servers need. */
      forcePathStyle: boolean;
      /** From AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; unset: the SDK's own chain (profile, instance role). */
      credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    };

// S3's rules for bucket names (3-63 characters, lower case, digits, dots and hyphens, no IP address form).
const BUCKET = /^(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9!_.*'()-]+$/;

/**
 * Reads STORAGE_URL: unset or empty is the local file system under DATA_DIR; `s3://bucket` or
 * `s3://bucket/some/prefix` is S3-compatible object storage. Returns the reason when the value cannot be used.
 */
export function parseStorageUrl(value: string | undefined): StorageLocation | { problem: string } {
  if (value === undefined || value.trim() === '') return { driver: 'local' };
  const match = /^s3:\/\/([^/?#]*)(\/[^?#]*)?$/.exec(value.trim());
  if (!match) return { problem: 'must be s3://bucket or s3://bucket/prefix (leave it unset for files under DATA_DIR)' };
  const [, bucket, path = ''] = match;
  if (!BUCKET.test(bucket) || bucket.includes('..'))
    return { problem: `"${bucket}" is not a valid bucket name (3-63 lower-case letters, digits, dots, hyphens)` };
  const segments = path.split('/').filter((segment) => segment !== '');
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || !PREFIX_SEGMENT.test(segment))
      return { problem: `the prefix segment "${segment}" is not allowed (letters, digits and !_.*'()- only)` };
  }
  return { driver: 's3', bucket, prefix: segments.join('/') };
}

export function storageConfig(settings: StorageEnvironment, env: NodeJS.ProcessEnv): StorageConfig {
  const location = parseStorageUrl(settings.STORAGE_URL);
  if ('problem' in location)
    throw new EnvironmentError(
      `Invalid environment: STORAGE_URL=${JSON.stringify(settings.STORAGE_URL)}: ${location.problem}`,
    );
  if (location.driver === 'local') return location;
  const accessKeyId = env.AWS_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY || undefined;
  if (!accessKeyId !== !secretAccessKey)
    throw new EnvironmentError(
      `Invalid environment: ${accessKeyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY together (or neither, for the SDK's profile or instance role)`,
    );
  return {
    ...location,
    endpoint: settings.S3_ENDPOINT,
    region: settings.S3_REGION ?? env.AWS_REGION ?? 'us-east-1',
    forcePathStyle: settings.S3_FORCE_PATH_STYLE ?? Boolean(settings.S3_ENDPOINT),
    credentials:
      accessKeyId && secretAccessKey
        ? { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined }
        : undefined,
  };
}
