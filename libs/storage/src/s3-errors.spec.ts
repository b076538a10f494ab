import { describeS3Error } from './s3-media-store';

describe('describeS3Error', () => {
  const withStatus = (name: string, status: number) =>
    Object.assign(new Error('ignored'), { name, $metadata: { httpStatusCode: status } });
  it.each([
    [withStatus('NotFound', 404), 'NotFound, HTTP 404'],
    [withStatus('InvalidAccessKeyId', 403), 'InvalidAccessKeyId, HTTP 403'],
    [Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:9000'), { code: 'ECONNREFUSED' }), 'Error, ECONNREFUSED'],
    // The SDK's wrapper of a socket error (under Jest, or an error from another realm): the code only in the message.
    [
      Object.assign(new Error('AWS SDK error wrapper for Error: getaddrinfo ENOTFOUND minio.internal'), {
        $metadata: {},
      }),
      'Error, ENOTFOUND',
    ],
    [withStatus('TimeoutError', 0), 'TimeoutError'],
  ])('%s reads as %j, naming no address', (error, expected) => {
    expect(describeS3Error(error)).toBe(expected);
  });
});
