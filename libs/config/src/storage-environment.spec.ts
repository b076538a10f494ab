import { EnvironmentError, loadConfig } from './environment';
import { parseStorageUrl } from './storage-environment';

describe('parseStorageUrl', () => {
  it.each([
    [undefined, { driver: 'local' }],
    ['', { driver: 'local' }],
    ['  ', { driver: 'local' }],
    ['s3://evidence', { driver: 's3', bucket: 'evidence', prefix: '' }],
    ['s3://evidence/', { driver: 's3', bucket: 'evidence', prefix: '' }],
    ['s3://evidence/qinglang/prod', { driver: 's3', bucket: 'evidence', prefix: 'qinglang/prod' }],
    ['s3://my.bucket-1//a//b/', { driver: 's3', bucket: 'my.bucket-1', prefix: 'a/b' }],
  ])('reads %j', (value, expected) => expect(parseStorageUrl(value)).toEqual(expected));

  it.each([
    ['/var/lib/qinglang', 'must be s3://'],
    ['file:///data', 'must be s3://'],
    ['https://s3.amazonaws.com/evidence', 'must be s3://'],
    ['s3://', 'not a valid bucket name'],
    ['s3://ab', 'not a valid bucket name'],
    ['s3://Evidence', 'not a valid bucket name'],
    ['s3://evidence_2', 'not a valid bucket name'],
    ['s3://-evidence', 'not a valid bucket name'],
    ['s3://a..b', 'not a valid bucket name'],
    ['s3://192.168.1.10', 'not a valid bucket name'],
    ['s3://evidence/../other', 'segment ".." is not allowed'],
    ['s3://evidence/a b', 'segment "a b" is not allowed'],
    ['s3://evidence/x?versionId=1', 'must be s3://'],
  ])('refuses %j', (value, reason) => {
    const result = parseStorageUrl(value);
    expect('problem' in result && result.problem).toContain(reason);
  });
});

describe('storage settings in loadConfig', () => {
  it('keeps files under DATA_DIR by default', () => expect(loadConfig({}).storage).toEqual({ driver: 'local' }));

  it('reads the bucket, endpoint, region and credentials', () => {
    expect(
      loadConfig({
        STORAGE_URL: 's3://evidence/ql',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_REGION: 'cn-north-1',
        AWS_ACCESS_KEY_ID: 'id',
        AWS_SECRET_ACCESS_KEY: 'secret',
      }).storage,
    ).toEqual({
      driver: 's3',
      bucket: 'evidence',
      prefix: 'ql',
      endpoint: 'http://127.0.0.1:9000',
      region: 'cn-north-1',
      // A custom endpoint is most often a self-hosted server, which wants the bucket in the path.
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret', sessionToken: undefined },
    });
    expect(loadConfig({ STORAGE_URL: 's3://evidence' }).storage).toMatchObject({
      region: 'us-east-1',
      forcePathStyle: false,
      credentials: undefined,
    });
    expect(
      loadConfig({ STORAGE_URL: 's3://evidence', S3_ENDPOINT: 'https://oss.example', S3_FORCE_PATH_STYLE: 'false' })
        .storage,
    ).toMatchObject({ forcePathStyle: false });
  });

  it.each([
    [{ STORAGE_URL: 'minio://evidence' }, 'STORAGE_URL'],
    [{ STORAGE_URL: 's3://evidence', S3_ENDPOINT: '127.0.0.1:9000' }, 'S3_ENDPOINT'],
    [{ STORAGE_URL: 's3://evidence', S3_REGION: 'Not A Region' }, 'S3_REGION'],
    [{ STORAGE_URL: 's3://evidence', S3_FORCE_PATH_STYLE: 'sometimes' }, 'S3_FORCE_PATH_STYLE'],
    [{ STORAGE_URL: 's3://evidence', AWS_ACCESS_KEY_ID: 'id' }, 'AWS_SECRET_ACCESS_KEY'],
    [{ STORAGE_URL: 's3://evidence', AWS_SECRET_ACCESS_KEY: 'hunter2-secret' }, 'AWS_ACCESS_KEY_ID'],
  ])('refuses %j, naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(EnvironmentError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('never prints a secret it refuses', () => {
    expect(() => loadConfig({ STORAGE_URL: 's3://evidence', AWS_SECRET_ACCESS_KEY: 'hunter2-secret' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
