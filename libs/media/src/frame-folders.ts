/** The kinds of item whose frames are sampled into a folder of their own. */
export type FramedItemKind = 'segment' | 'post';

/**
 * Where an item's frames are stored: one folder per item (a post's images and videos in subfolders of it). The
 * samplers write there and retention removes it whole, whatever the frame rows say: a sampling that failed after
 * ffmpeg wrote some JPEGs (and raw pixels) left files there with no row naming them.
 */
export function itemFrameFolder(kind: FramedItemKind, platformId: string, itemId: string): string {
  return `frames/${platformId}/${kind}-${itemId}`;
}
