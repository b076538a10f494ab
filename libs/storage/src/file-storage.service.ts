import { Inject, Injectable } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig } from '@qinglang/config';

/**
 * Media and evidence files under DATA_DIR. The database keeps paths relative to it, so a data directory can be
 * moved or mounted elsewhere (several worker machines share it through a network file system).
 */
@Injectable()
export class FileStorage {
  readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = config.dataDir;
  }

  absolute(relativePath: string): string {
    const path = resolve(this.root, relativePath);
    if (path !== this.root && !path.startsWith(this.root + sep))
      throw new Error(`Path escapes the data directory: ${relativePath}`);
    return path;
  }

  /** Moves a file (an upload, a fetched segment) to its final place; copies across file systems. */
  async adopt(sourcePath: string, relativeTarget: string): Promise<string> {
    const target = this.absolute(relativeTarget);
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
    return this.headOfAbsolute(this.absolute(relativePath), bytes);
  }

  async headOfAbsolute(path: string, bytes = 4096): Promise<Buffer> {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  read(relativePath: string): Readable {
    return createReadStream(this.absolute(relativePath));
  }

  async remove(relativePath: string): Promise<void> {
    await rm(this.absolute(relativePath), { recursive: true, force: true });
  }
}
