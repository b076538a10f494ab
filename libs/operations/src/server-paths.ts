/**
 * A message with the server's file-system paths cut to their last part: an ffmpeg or driver error names
 * `/var/lib/qinglang/data/media/…/segment.ts`, and neither a platform nor a reviewer should learn the layout of the
 * server from it. URLs keep their paths (a path after a host or a scheme is not a file path).
 */
export function withoutServerPaths(text: string): string {
  return text.replace(
    /(^|[\s'"`(=,[:])(\/(?:[\w.@+~-]+\/)+)([\w.@+~-]*)/g,
    (_, before: string, _dir, base: string) => `${before}${base || '…'}`,
  );
}
