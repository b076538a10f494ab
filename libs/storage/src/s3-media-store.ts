import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Logger } from '@nestjs/common';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StorageConfig } from '@qinglang/config';
import { MediaScratch } from './media-scratch';
import { MediaStore, MediaStoreUnavailableError, StorageHealth, StoredMediaMissingError } from './media-store';
import { checkRelativePath, folderKeyPrefix, objectKey } from './object-keys';
import { MediaStoreMisconfiguredError, S3CallKind, classifyS3Error, describeS3Error, s3ErrorFacts } from './s3-errors';

export { describeS3Error } from './s3-errors';

export type S3StorageConfig = Extract<StorageConfig, { driver: 's3' }>;

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ts': 'video/mp2t',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.flv': 'video/x-flv',
};
/** Objects stored at once when a folder is committed (a segment's frames): enough to hide the round trips. */
const PARALLEL_PUTS = 8;
/** DeleteObjects takes at most this many keys a call. */
const DELETE_BATCH = 1000;

/**
 * Media as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, OSS/COS/OBS S3 endpoints), keyed
 * `<prefix>/<stored path>`. Nothing a later job needs stays on this machine: uploads, fetched media and evidence
 * frames are put in the bucket, and a job copies what it reads into its scratch folder, which goes when it ends.
 */
export class S3MediaStore extends MediaStore {
  readonly driver = 's3' as const;
  readonly sharesLocalFiles = false;
  private readonly client: S3Client;

  constructor(
    dataDir: string,
    private readonly config: S3StorageConfig,
  ) {
    super(dataDir);
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
      // Each call is bounded: 3 attempts (the SDK's backoff between them is under a second at first), each
      // refused after 5 s without a connection or 20 s without a byte either way (an endpoint that accepts and
      // then says nothing). A bucket that does not answer fails the job (it is retried) rather than hold a worker
      // slot. No bound on a whole request: a large upload on a slow link takes as long as it takes.
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 5000, socketTimeout: 20_000 },
    });
  }

  private key(relativePath: string): string {
    return objectKey(this.config.prefix, relativePath);
  }

  placeFor(relativePath: string, scratch: MediaScratch): Promise<string> {
    return scratch.place(relativePath);
  }

  async commit(relativePath: string, scratch: MediaScratch, keep: (fileName: string) => boolean = () => true) {
    const local = await scratch.place(relativePath);
    const info = await stat(local);
    if (!info.isDirectory()) return this.put(local, relativePath);
    const files = (await readdir(local, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && keep(entry.name))
      .map((entry) => join(entry.parentPath, entry.name));
    for (let i = 0; i < files.length; i += PARALLEL_PUTS)
      await Promise.all(
        files
          .slice(i, i + PARALLEL_PUTS)
          .map((file) => this.put(file, `${relativePath}/${relative(local, file).split(sep).join('/')}`)),
      );
  }

  async localFile(relativePath: string, scratch: MediaScratch): Promise<string> {
    const local = await scratch.place(relativePath);
    // Written or fetched earlier in this job (a fetched segment, then sampled): no second download.
    if (
      await stat(local).then(
        (info) => info.isFile(),
        () => false,
      )
    )
      return local;
    const body = await this.get(relativePath);
    await pipeline(body, createWriteStream(local));
    return local;
  }

  staging(relativePath: string): string {
    return join(this.dataDir, 'scratch', 'staging', checkRelativePath(relativePath));
  }

  async adopt(sourcePath: string, relativeTarget: string): Promise<string> {
    await this.put(sourcePath, relativeTarget);
    await rm(sourcePath, { force: true });
    return relativeTarget;
  }

  async head(relativePath: string, bytes = 4096): Promise<Buffer> {
    const body = await this.get(relativePath, `bytes=0-${bytes - 1}`);
    return Buffer.from(await body.transformToByteArray()).subarray(0, bytes);
  }

  open(relativePath: string): Promise<Readable> {
    return this.get(relativePath);
  }

  async remove(relativePath: string): Promise<void> {
    const Key = this.key(relativePath);
    await this.call(`delete ${relativePath}`, 'other', () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key })),
    );
  }

  async removeFolder(relativeFolder: string): Promise<number> {
    const prefix = folderKeyPrefix(this.config.prefix, relativeFolder);
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.call(`list ${relativeFolder}`, 'other', () =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: prefix, ContinuationToken: token }),
        ),
      );
      const keys = (page.Contents ?? []).map((object) => object.Key!).filter(Boolean);
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        const result = await this.call(`delete under ${relativeFolder}`, 'other', () =>
          this.client.send(
            new DeleteObjectsCommand({
              Bucket: this.config.bucket,
              Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
            }),
          ),
        );
        if (result.Errors?.length)
          throw new MediaStoreUnavailableError(
            `The bucket refused to delete ${result.Errors.length} object(s) under ${relativeFolder}: ${result.Errors[0].Code}`,
            result.Errors,
          );
        removed += batch.length;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed;
  }

  async check(signal?: AbortSignal): Promise<StorageHealth> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }), { abortSignal: signal });
    } catch (error) {
      const misconfigured = classifyS3Error(error, 'check-bucket') === 'misconfigured';
      if (misconfigured) this.logMisconfigured('check the bucket', error);
      throw new Error(
        `bucket ${this.config.bucket}: ${misconfigured ? 'misconfigured, ' : ''}${describeS3Error(error)}`,
        { cause: error },
      );
    }
    return { driver: 's3', bucket: this.config.bucket };
  }

  /** Nest calls it on shutdown: the client's open sockets would otherwise hold the process. */
  onModuleDestroy(): void {
    this.client.destroy();
  }

  /**
   * A call to the bucket, its failure named by classifyS3Error: a missing object (reads of one object only),
   * MediaStoreMisconfiguredError (500, logged once), or MediaStoreUnavailableError (503, retried).
   */
  private async call<T>(what: string, kind: S3CallKind, send: () => Promise<T>, relativePath = ''): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof StoredMediaMissingError) throw error;
      const failure = classifyS3Error(error, kind);
      if (failure === 'missing-object') throw new StoredMediaMissingError(relativePath);
      if (failure === 'misconfigured') {
        this.logMisconfigured(what, error);
        throw new MediaStoreMisconfiguredError(s3ErrorFacts(error).name ?? `HTTP ${s3ErrorFacts(error).status}`, error);
      }
      throw new MediaStoreUnavailableError(
        `The media store (bucket ${this.config.bucket}) failed to ${what}: ${describeS3Error(error)}`,
        error,
      );
    }
  }

  /** Said once per process and S3 code, clearly: every request would fail the same way until someone fixes it. */
  private readonly misconfigurationsLogged = new Set<string>();

  private logMisconfigured(what: string, error: unknown): void {
    const said = describeS3Error(error);
    const code = s3ErrorFacts(error).name ?? said;
    if (this.misconfigurationsLogged.has(code)) return;
    this.misconfigurationsLogged.add(code);
    new Logger('Storage').error({
      message:
        'the media store is misconfigured: the bucket refused this deployment (check STORAGE_URL, S3_ENDPOINT, ' +
        'S3_REGION and the key; it needs s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on the prefix)',
      bucket: this.config.bucket,
      call: what,
      error: said,
    });
  }

  private async put(localPath: string, relativePath: string): Promise<void> {
    const Key = this.key(relativePath);
    await this.call(`store ${relativePath}`, 'other', () => this.upload(localPath, relativePath, Key));
  }

  private async upload(localPath: string, relativePath: string, Key: string): Promise<void> {
    const body = createReadStream(localPath);
    try {
      await new Upload({
        client: this.client,
        params: {
          Bucket: this.config.bucket,
          Key,
          Body: body,
          ContentType: CONTENT_TYPES[extname(relativePath).toLowerCase()] ?? 'application/octet-stream',
        },
      }).done();
    } finally {
      // A failed upload leaves the file open (the SDK stops reading it): closed here, or a bucket outage leaks fds.
      body.destroy();
    }
  }

  private async get(relativePath: string, range?: string) {
    const Key = this.key(relativePath);
    return this.call(
      `read ${relativePath}`,
      'read-object',
      async () => {
        const { Body } = await this.client.send(
          new GetObjectCommand({ Bucket: this.config.bucket, Key, Range: range }),
        );
        if (!Body) throw new StoredMediaMissingError(relativePath);
        return Body as Readable & { transformToByteArray(): Promise<Uint8Array> };
      },
      relativePath,
    );
  }
}
