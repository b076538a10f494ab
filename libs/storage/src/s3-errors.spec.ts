import { MediaStoreMisconfiguredError, S3CallKind, S3Failure, classifyS3Error, describeS3Error } from './s3-errors';

/** An error as the SDK throws it for an S3 answer: the S3 code as its name, the HTTP status in $metadata. */
const s3 = (name: string, status?: number) =>
  Object.assign(new Error('ignored'), { name, $metadata: { httpStatusCode: status } });
/** The same from another realm (under Jest) or a server the SDK did not recognise: the code only in `Code`. */
const untyped = (Code: string, status: number) =>
  Object.assign(new Error('UnknownError'), { name: 'Unknown', Code, $metadata: { httpStatusCode: status } });
const socket = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.5:9000`), { code });

describe('classifyS3Error', () => {
  it.each<[string, unknown, S3CallKind, S3Failure]>([
    // Only a read of one object that is not there is a missing object.
    ['NoSuchKey on a read', s3('NoSuchKey', 404), 'read-object', 'missing-object'],
    ['NotFound (a HEAD, no body) on a read', s3('NotFound', 404), 'read-object', 'missing-object'],
    ['a bare 404 on a read', s3('UnknownError', 404), 'read-object', 'missing-object'],
    ['NoSuchKey from another realm', untyped('NoSuchKey', 404), 'read-object', 'missing-object'],
    // The settings refused: never a missing object, never a retry.
    ['NoSuchBucket on a read (also a 404)', s3('NoSuchBucket', 404), 'read-object', 'misconfigured'],
    ['NoSuchBucket from another realm', untyped('NoSuchBucket', 404), 'read-object', 'misconfigured'],
    ['NoSuchBucket on a store', s3('NoSuchBucket', 404), 'other', 'misconfigured'],
    ['an unknown key', s3('InvalidAccessKeyId', 403), 'other', 'misconfigured'],
    ['a wrong secret', s3('SignatureDoesNotMatch', 403), 'read-object', 'misconfigured'],
    // Also what S3 answers for a missing object when the key may not list the bucket: hence s3:ListBucket.
    ['AccessDenied on a read', s3('AccessDenied', 403), 'read-object', 'misconfigured'],
    ['a bare 403 (HEAD)', s3('Forbidden', 403), 'check-bucket', 'misconfigured'],
    ['a bare 401', s3('Unauthorized', 401), 'other', 'misconfigured'],
    ['the wrong region', s3('AuthorizationHeaderMalformed', 400), 'other', 'misconfigured'],
    ['the bucket in another region (301)', s3('PermanentRedirect', 301), 'check-bucket', 'misconfigured'],
    ['an expired session token', s3('ExpiredToken', 400), 'other', 'misconfigured'],
    ['a checked bucket that is not there (HEAD 404)', s3('NotFound', 404), 'check-bucket', 'misconfigured'],
    // The store away: an outage, retried.
    ['a 404 on a list (no code)', s3('UnknownError', 404), 'other', 'unavailable'],
    ['a 500', s3('InternalError', 500), 'read-object', 'unavailable'],
    ['a 503 SlowDown', s3('SlowDown', 503), 'other', 'unavailable'],
    ['a refused connection', socket('ECONNREFUSED'), 'read-object', 'unavailable'],
    ['a reset', socket('ECONNRESET'), 'other', 'unavailable'],
    [
      'the SDK timing out',
      Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }),
      'other',
      'unavailable',
    ],
    [
      'a health check aborted',
      Object.assign(new Error('aborted'), { name: 'AbortError' }),
      'check-bucket',
      'unavailable',
    ],
    ['not an error at all', undefined, 'other', 'unavailable'],
  ])('%s: %s', (_, error, kind, expected) => {
    expect(classifyS3Error(error, kind)).toBe(expected);
  });
});

describe('describeS3Error', () => {
  it.each([
    [s3('NotFound', 404), 'NotFound, HTTP 404'],
    [s3('InvalidAccessKeyId', 403), 'InvalidAccessKeyId, HTTP 403'],
    [untyped('NoSuchBucket', 404), 'NoSuchBucket, HTTP 404'],
    [socket('ECONNREFUSED'), 'Error, ECONNREFUSED'],
    // The SDK's wrapper of a socket error (under Jest, or an error from another realm): the code only in the message.
    [
      Object.assign(new Error('AWS SDK error wrapper for Error: getaddrinfo ENOTFOUND minio.internal'), {
        $metadata: {},
      }),
      'Error, ENOTFOUND',
    ],
    [s3('TimeoutError', 0), 'TimeoutError'],
  ])('%s reads as %j, naming no address', (error, expected) => {
    expect(describeS3Error(error)).toBe(expected);
  });
});

describe('MediaStoreMisconfiguredError', () => {
  it('is a 500 storage_misconfigured naming the S3 code, no address, no key', () => {
    const error = new MediaStoreMisconfiguredError('InvalidAccessKeyId', socket('x'));
    expect(error).toMatchObject({ status: 500, code: 'storage_misconfigured', name: 'MediaStoreMisconfiguredError' });
    expect(error.message).toContain('InvalidAccessKeyId');
    expect(error.message).not.toMatch(/\d+\.\d+\.\d+\.\d+|http/);
  });
});
