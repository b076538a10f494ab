/**
 * The layout of stored media. Every module names a file by a path relative to the store (`media/<platform>/
 * segments/<id>.ts`, `frames/<platform>/segment-<id>/<ms>.jpg`); the database keeps that path, never a server
 * path or an object URL, so a deployment can move from DATA_DIR to a bucket (or between buckets) by copying.
 * On the local driver it is a path under DATA_DIR; on S3 the object key is `<prefix>/<path>`.
 */

/** A stored path that is safe on both drivers: relative, forward slashes, no `.` or `..`, no empty segment. */
export function checkRelativePath(relativePath: string): string {
  const segments = relativePath.split('/');
  if (
    !relativePath ||
    relativePath.includes('\\') ||
    relativePath.includes('\0') ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  )
    throw new Error(`Not a stored media path: ${JSON.stringify(relativePath)}`);
  return relativePath;
}

/** The object key of a stored path under the bucket's prefix ('' for the bucket's root). */
export function objectKey(prefix: string, relativePath: string): string {
  checkRelativePath(relativePath);
  return prefix ? `${prefix}/${relativePath}` : relativePath;
}

/**
 * The key prefix that lists everything under a stored folder: with a trailing slash, so removing
 * `frames/p/segment-1` never touches `frames/p/segment-10`.
 */
export function folderKeyPrefix(prefix: string, relativeFolder: string): string {
  return `${objectKey(prefix, relativeFolder.replace(/\/+$/, ''))}/`;
}
