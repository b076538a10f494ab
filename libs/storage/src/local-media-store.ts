import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { MediaStore, StorageHealth, StoredMediaMissingError } from './media-store';
import { checkRelativePath } from './object-keys';

/**
 * Media under DATA_DIR, by path relative to it: the default. Jobs work on the stored files themselves (no copy),
 * so workers on several machines need DATA_DIR on a shared file system with this driver.
 */
export class LocalMediaStore extends MediaStore {
  readonly driver = 'local' as const;
  readonly sharesLocalFiles = true;
  readonly root: string;

  constructor(dataDir: string) {
    super(dataDir);
    this.root = resolve(dataDir);
  }

  /** The file's path under DATA_DIR; refuses a path that would leave it. */
  absolute(relativePath: string): string {
    const path = resolve(this.root, checkRelativePath(relativePath));
    if (!path.startsWith(this.root + sep)) throw new Error(`Path escapes the data directory: ${relativePath}`);
    return path;
  }

  async placeFor(relativePath: string): Promise<string> {
    const path = this.absolute(relativePath);
    await mkdir(dirname(path), { recursive: true });
    return path;
  }

  async commit(): Promise<void> {
    // Written in place: nothing to copy.
  }

  async localFile(relativePath: string): Promise<string> {
    const path = this.absolute(relativePath);
    const isFile = await stat(path).then(
      (info) => info.isFile(),
      () => false,
    );
    if (!isFile) throw new StoredMediaMissingError(relativePath);
    return path;
  }

  staging(relativePath: string): string {
    return this.absolute(relativePath);
  }

  /** Moves the file to its final place; copies across file systems. A file already there (staged in place) stays. */
  async adopt(sourcePath: string, relativeTarget: string): Promise<string> {
    const target = this.absolute(relativeTarget);
    if (resolve(sourcePath) === target) return relativeTarget;
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(sourcePath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(sourcePath, target);
      await rm(sourcePath, { force: true });
    }
    return relativeTarget;
  }

  head(relativePath: string, bytes = 4096): Promise<Buffer> {
    return this.headOfLocalFile(this.absolute(relativePath), bytes).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new StoredMediaMissingError(relativePath) : error;
    });
  }

  async open(relativePath: string): Promise<Readable> {
    // Opened first, so a missing file is an error here rather than a stream that fails after the headers went out.
    const handle = await open(this.absolute(relativePath), 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' || error.code === 'EISDIR' ? new StoredMediaMissingError(relativePath) : error;
    });
    return handle.createReadStream();
  }

  async remove(relativePath: string): Promise<void> {
    await rm(this.absolute(relativePath), { force: true });
  }

  async removeFolder(relativeFolder: string): Promise<number> {
    const folder = this.absolute(relativeFolder.replace(/\/+$/, ''));
    const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
        throw error;
      },
    );
    await rm(folder, { recursive: true, force: true });
    return entries.filter((entry) => entry.isFile()).length;
  }

  check(): Promise<StorageHealth> {
    return Promise.resolve({ driver: 'local', location: 'DATA_DIR' });
  }
}
