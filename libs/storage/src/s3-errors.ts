import { ApiError } from '@qinglang/operations';

/**
 * The bucket refused this deployment's settings: no such bucket, a wrong or unknown key, a bad signature (a wrong
 * secret or region), access denied. No retry helps until an operator fixes STORAGE_URL, S3_* or the key, so it is
 * neither an outage (503, retry later) nor a missing object (404): the API answers 500 `storage_misconfigured`.
 * The message names no address and no credential; the S3 error code says which setting to look at.
 */
export class MediaStoreMisconfiguredError extends ApiError {
  constructor(
    readonly s3Code: string,
    cause: unknown,
  ) {
    super(
      500,
      'storage_misconfigured',
      `The media store refused this deployment's settings (${s3Code}): an operator must fix the bucket, region or key (STORAGE_URL, S3_*, AWS_*); see the log.`,
    );
    this.name = 'MediaStoreMisconfiguredError';
    this.cause = cause;
  }
}

/** What a bucket call was: reading one object's bytes (GetObject), checking the bucket, or any other call. */
export type S3CallKind = 'read-object' | 'check-bucket' | 'other';

/** What an S3 failure means for Qinglang. */
export type S3Failure = 'missing-object' | 'misconfigured' | 'unavailable';

/**
 * Codes that say the settings are wrong. Note that S3 answers 403 AccessDenied for a missing object when the key
 * may not list the bucket (s3:ListBucket): the store needs that permission to tell "missing" from "refused".
 */
const MISCONFIGURED_CODES = new Set([
  'NoSuchBucket',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'AllAccessDisabled',
  'AccountProblem',
  'InvalidToken',
  'ExpiredToken',
  'InvalidBucketName',
  // The region set (S3_REGION) is not the bucket's.
  'AuthorizationHeaderMalformed',
  'PermanentRedirect',
  'IllegalLocationConstraintException',
]);

/**
 * Decides what a failed bucket call means. Only a read of one object answered NoSuchKey / NotFound / a bare 404 is
 * a missing object; the settings refused (codes above, any 401 or 403, a checked bucket that is not there) are a
 * misconfiguration; the rest (no answer, timeouts, 5xx, throttling) is the store being away, an outage.
 */
export function classifyS3Error(error: unknown, kind: S3CallKind): S3Failure {
  const { name, status } = s3ErrorFacts(error);
  if (name && MISCONFIGURED_CODES.has(name)) return 'misconfigured';
  if (status === 401 || status === 403 || status === 301) return 'misconfigured';
  if (status === 404 || name === 'NoSuchKey' || name === 'NotFound') {
    if (kind === 'read-object') return 'missing-object';
    // HeadBucket has no body: its 404 (NotFound) is the bucket not being there.
    if (kind === 'check-bucket') return 'misconfigured';
  }
  return 'unavailable';
}

/** The S3 error code (the SDK's error name, or `Code` from another realm's error) and the HTTP status. */
export function s3ErrorFacts(error: unknown): { name?: string; status?: number } {
  const { name, Code, $metadata } = (error ?? {}) as {
    name?: string;
    Code?: string;
    $metadata?: { httpStatusCode?: number };
  };
  return { name: Code ?? name, status: $metadata?.httpStatusCode };
}

/** An S3 failure in a few words, without the endpoint's address or the request's signature. */
export function describeS3Error(error: unknown): string {
  const { name = 'Error', status } = s3ErrorFacts(error);
  // A socket error's code; the SDK sometimes wraps it, leaving it only in the message (beside the address).
  const code = (error as NodeJS.ErrnoException).code ?? /\b(E[A-Z]{4,})\b/.exec(String((error as Error).message))?.[1];
  return [name, code, status ? `HTTP ${status}` : undefined].filter(Boolean).join(', ');
}
