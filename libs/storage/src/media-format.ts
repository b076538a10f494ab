/** Containers a segment or post video may use, named by the ffmpeg demuxer that is forced to read them. */
export type VideoContainer = 'mpegts' | 'mov' | 'flv';
export type ImageContainer = 'jpeg_pipe' | 'png_pipe' | 'webp_pipe' | 'gif';

const MP4_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip', 'styp']);

/**
 * Recognises a video container from its first bytes. The worker then forces that demuxer, so a file can never
 * make ffmpeg pick a demuxer that reads other files (hls, concat) whatever its name or content claims.
 */
export function sniffVideoContainer(head: Buffer): VideoContainer | undefined {
  if (head.length >= 189 && head[0] === 0x47 && head[188] === 0x47) return 'mpegts';
  if (head.length > 0 && head.length < 189 && head[0] === 0x47) return 'mpegts';
  if (head.length >= 12 && MP4_BOXES.has(head.toString('latin1', 4, 8))) return 'mov';
  if (head.length >= 4 && head.toString('latin1', 0, 3) === 'FLV' && head[3] === 0x01) return 'flv';
  return undefined;
}

export function sniffImageContainer(head: Buffer): ImageContainer | undefined {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg_pipe';
  if (head.length >= 8 && head.toString('latin1', 1, 4) === 'PNG') return 'png_pipe';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP')
    return 'webp_pipe';
  if (head.length >= 6 && /^GIF8[79]a$/.test(head.toString('latin1', 0, 6))) return 'gif';
  return undefined;
}

/**
 * Text that ffmpeg would treat as a list of other inputs: HLS/DASH playlists, concat lists, SDP. Uploads that
 * look like this are refused outright: they are the classic way to make ffmpeg read local files.
 */
export function looksLikePlaylist(head: Buffer): boolean {
  const text = head
    .toString('utf8', 0, Math.min(head.length, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return (
    /^#EXTM3U/i.test(text) ||
    /^ffconcat/i.test(text) ||
    /^(file|duration|inpoint)\s+\S/im.test(text) ||
    /^<\?xml[\s\S]*<MPD/i.test(text) ||
    /^<MPD/i.test(text) ||
    /^v=0\s*$/m.test(text)
  );
}
