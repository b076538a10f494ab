import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { MediaScratch } from './media-scratch';

/** A stored file that is not there: never written, or deleted (by retention, by hand). */
export class StoredMediaMissingError extends Error {
  constructor(readonly relativePath: string) {
    super(`Stored media not found: ${relativePath}`);
    this.name = 'StoredMediaMissingError';
  }
}

/**
 * The object store failed a call (not answering, a timeout, 5xx, throttling): a dependency away, not a bug. (A
 * bucket refusing the settings is MediaStoreMisconfiguredError, in s3-errors.ts: 500, no retry helps.) The API
 * answers 503 `unavailable` (see isOutage in libs/operations), a job is retried. The message names no address.
 */
export class MediaStoreUnavailableError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'MediaStoreUnavailableError';
  }
}

export interface StorageHealth {
  driver: 'local' | 's3';
  [detail: string]: unknown;
}

/**
 * Where uploads, fetched media and evidence frames are kept, by a path relative to the store (see object-keys.ts).
 * Two drivers: the local file system under DATA_DIR (the default) and S3-compatible object storage
 * (STORAGE_URL=s3://bucket/prefix), with which the API and workers on several machines share no file system.
 *
 * ffmpeg and the models need local files, so a job works in a MediaScratch: `localFile` gives a stored object as a
 * local file, `placeFor` + `commit` write a new file or folder and store it. On the local driver these are the
 * stored files themselves (no copy, the behaviour of before); on S3 they are copies in the job's scratch folder.
 */
export abstract class MediaStore {
  abstract readonly driver: 'local' | 's3';
  /**
   * True when stored files are this machine's files (the local driver): a file written beside a stored one (the
   * sampler's raw pixels) is then seen by the next job. On S3 the next job may run on another machine.
   */
  abstract readonly sharesLocalFiles: boolean;

  constructor(protected readonly dataDir: string) {}

  /** Runs `work` with a scratch folder of its own, removed afterwards whether `work` succeeded or not. */
  async withScratch<T>(work: (scratch: MediaScratch) => Promise<T>): Promise<T> {
    const scratch = await MediaScratch.create(join(this.dataDir, 'scratch'));
    try {
      return await work(scratch);
    } finally {
      await scratch.dispose();
    }
  }

  /** Where to write a new file or folder that `commit` will then store at `relativePath` (parent folders made). */
  abstract placeFor(relativePath: string, scratch: MediaScratch): Promise<string>;

  /**
   * Stores what was written at `placeFor(relativePath)`: the file, or a folder's files for which `keep` (given the
   * file name) is true. A no-op on the local driver, where it was written in place.
   */
  abstract commit(relativePath: string, scratch: MediaScratch, keep?: (fileName: string) => boolean): Promise<void>;

  /** A local file holding the stored file's bytes: the file itself (local) or a copy in the scratch (S3, once). */
  abstract localFile(relativePath: string, scratch: MediaScratch): Promise<string>;

  /**
   * Where a puller writes a file before `adopt` stores it at `relativePath`: its final place on the local driver,
   * under DATA_DIR/scratch/staging on S3. Synchronous: the pullers compute paths in their loops.
   */
  abstract staging(relativePath: string): string;

  /** Stores a local file (an upload, a pulled piece) at `relativeTarget`; the local file is gone afterwards. */
  abstract adopt(sourcePath: string, relativeTarget: string): Promise<string>;

  /** The first `bytes` bytes of a stored file (to recognise its container). */
  abstract head(relativePath: string, bytes?: number): Promise<Buffer>;

  /** A stream of a stored file; StoredMediaMissingError when it is not there (checked before any byte is sent). */
  abstract open(relativePath: string): Promise<Readable>;

  /** Deletes one stored file; nothing happens if it is not there. */
  abstract remove(relativePath: string): Promise<void>;

  /** Deletes every stored file under a folder (`frames/p/post-1` takes `frames/p/post-1/**`); returns how many. */
  abstract removeFolder(relativeFolder: string): Promise<number>;

  /**
   * What /health shows; throws when the store cannot be reached or refuses the settings. The caller bounds it in
   * time and aborts `signal` when it stops waiting, so a request to an endpoint that never answers does not linger.
   */
  abstract check(signal?: AbortSignal): Promise<StorageHealth>;

  /** The first bytes of a local file (a multer upload before it is stored). */
  async headOfLocalFile(path: string, bytes = 4096): Promise<Buffer> {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
}
