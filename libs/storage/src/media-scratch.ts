import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkRelativePath } from './object-keys';

/**
 * One job's local working folder under DATA_DIR/scratch: ffmpeg and the models work on real files, so a stored
 * object they need is copied here and a new file is written here before it is stored. It mirrors the stored
 * layout (`<scratch>/frames/p/segment-1/2000.jpg`), so a file written once is found again by its stored path.
 * Removed when the job ends, whether it succeeded or not (see MediaStore.withScratch).
 */
export class MediaScratch {
  private constructor(readonly directory: string) {}

  static async create(root: string): Promise<MediaScratch> {
    await mkdir(root, { recursive: true });
    return new MediaScratch(await mkdtemp(join(root, 'job-')));
  }

  /** Where the stored path `relativePath` lives in this scratch folder (its parent folder made). */
  async place(relativePath: string): Promise<string> {
    const path = join(this.directory, checkRelativePath(relativePath));
    await mkdir(dirname(path), { recursive: true });
    return path;
  }

  dispose(): Promise<void> {
    return rm(this.directory, { recursive: true, force: true });
  }
}
