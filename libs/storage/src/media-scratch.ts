import { mkdir, mkdtemp, readdir, rm, rmdir, stat } from 'node:fs/promises';
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

/**
 * Removes what a killed process left in the scratch root (a job's folder, a staged piece never taken): files and
 * empty folders not touched since `cutoff`. Safe beside running processes that share the root (DATA_DIR on a
 * network file system): no job or staged piece lives for hours, and a folder in use is touched as files come and go.
 */
export async function removeStaleScratch(root: string, cutoff: Date): Promise<number> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  const older = async (path: string) =>
    stat(path).then(
      (info) => info.mtime < cutoff,
      () => false,
    );
  // Which folders are stale is decided before any file goes: removing a file touches its folder.
  const staleFolders: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const folder = join(entry.parentPath, entry.name);
    if (await older(folder)) staleFolders.push(folder);
  }
  let removed = 0;
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    if (await older(path)) {
      await rm(path, { force: true });
      removed++;
    }
  }
  // Deepest first, so a folder emptied above goes too; a folder that is not empty stays (rmdir refuses).
  for (const folder of staleFolders.sort((x, y) => y.length - x.length)) await rmdir(folder).catch(() => undefined);
  return removed;
}
