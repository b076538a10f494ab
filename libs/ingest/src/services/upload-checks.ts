import { rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { ApiError } from '@qinglang/operations';
import { looksLikePlaylist } from '@qinglang/storage';

/** What multer hands over for one uploaded file (disk storage). */
export interface UploadedMedia {
  path: string;
  size: number;
  originalname: string;
}

export const SEGMENT_EXTENSIONS = ['.ts', '.mp4', '.flv'];
export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.gif'];
export const VIDEO_EXTENSIONS = ['.ts', '.mp4', '.flv', '.mov'];

/**
 * Checks made before anything is written: not empty, an allowed extension, and not a playlist or concat list
 * (which would make ffmpeg open other files). The content itself is checked by the worker, which forces the
 * demuxer it recognised, so a mislabelled file is accepted here and fails there with a reason.
 */
export function checkUpload(file: UploadedMedia, allowed: string[], head: Buffer): void {
  if (file.size === 0) throw new ApiError(400, 'empty_upload', `The uploaded file "${file.originalname}" is empty.`);
  const extension = extname(file.originalname).toLowerCase();
  if (!allowed.includes(extension)) {
    throw new ApiError(415, 'unsupported_media_type', `"${file.originalname}" is not one of ${allowed.join(', ')}.`);
  }
  if (looksLikePlaylist(head)) {
    throw new ApiError(
      422,
      'playlist_not_allowed',
      'Playlists and concat lists (HLS, DASH, ffconcat, SDP) are not accepted: upload the media itself.',
    );
  }
}

export async function discard(files: Array<UploadedMedia | undefined>): Promise<void> {
  await Promise.all(files.filter((f): f is UploadedMedia => !!f).map((f) => rm(f.path, { force: true })));
}

export function checkMediaUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError(400, 'invalid_url', 'The url is not a valid URL.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new ApiError(400, 'invalid_url', 'Only http and https URLs are fetched.');
  if (parsed.username || parsed.password)
    throw new ApiError(400, 'invalid_url', 'URLs with credentials are not accepted.');
}
