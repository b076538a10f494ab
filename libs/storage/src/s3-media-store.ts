import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  S3Client,
} from '@aws-sdk/client-s3';
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
      maxAttempts: 3,
      // A bucket that does not answer must fail the job (it is retried) rather than hold a worker slot.
      requestHandler: { connectionTimeout: 5000, requestTimeout: 60_000 },
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
    await this.call(`delete ${relativePath}`, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key })),
    );
  }

  async removeFolder(relativeFolder: string): Promise<number> {
    const prefix = folderKeyPrefix(this.config.prefix, relativeFolder);
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.call(`list ${relativeFolder}`, () =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: prefix, ContinuationToken: token }),
        ),
      );
      const keys = (page.Contents ?? []).map((object) => object.Key!).filter(Boolean);
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        const result = await this.call(`delete under ${relativeFolder}`, () =>
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

  async check(): Promise<StorageHealth> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
    } catch (error) {
      throw new Error(`bucket ${this.config.bucket}: ${describeS3Error(error)}`);
    }
    return { driver: 's3', bucket: this.config.bucket };
  }

  /** Nest calls it on shutdown: the client's open sockets would otherwise hold the process. */
  onModuleDestroy(): void {
    this.client.destroy();
  }

  /** A call to the bucket; its failures become MediaStoreUnavailableError (the caller maps a missing object first). */
  private async call<T>(what: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof StoredMediaMissingError) throw error;
      throw new MediaStoreUnavailableError(
        `The media store (bucket ${this.config.bucket}) failed to ${what}: ${describeS3Error(error)}`,
        error,
      );
    }
  }

  private async put(localPath: string, relativePath: string): Promise<void> {
    const Key = this.key(relativePath);
    await this.call(`store ${relativePath}`, () => this.upload(localPath, relativePath, Key));
  }

  private async upload(localPath: string, relativePath: string, Key: string): Promise<void> {
    await new Upload({
      client: this.client,
      params: {
        Bucket: this.config.bucket,
        Key,
        Body: createReadStream(localPath),
        ContentType: CONTENT_TYPES[extname(relativePath).toLowerCase()] ?? 'application/octet-stream',
      },
    }).done();
  }

  private async get(relativePath: string, range?: string) {
    const Key = this.key(relativePath);
    return this.call(`read ${relativePath}`, async () => {
      try {
        const { Body } = await this.client.send(
          new GetObjectCommand({ Bucket: this.config.bucket, Key, Range: range }),
        );
        if (!Body) throw new StoredMediaMissingError(relativePath);
        return Body as Readable & { transformToByteArray(): Promise<Uint8Array> };
      } catch (error) {
        if (error instanceof NoSuchKey || error instanceof NotFound || isNotFound(error))
          throw new StoredMediaMissingError(relativePath);
        throw error;
      }
    });
  }
}

/** A 404 from a server whose error the SDK did not type (or typed in another realm, as under Jest). */
function isNotFound(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}

/** An S3 failure in a few words, without the endpoint's address or the request's signature. */
export function describeS3Error(error: unknown): string {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const name = (error as Error).name ?? 'Error';
  // A socket error's code; the SDK sometimes wraps it, leaving it only in the message (beside the address).
  const code = (error as NodeJS.ErrnoException).code ?? /\b(E[A-Z]{4,})\b/.exec(String((error as Error).message))?.[1];
  return [name, code, status ? `HTTP ${status}` : undefined].filter(Boolean).join(', ');
}
