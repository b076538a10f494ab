import { Parser } from 'm3u8-parser';

export interface HlsVariant {
  url: URL;
  height: number | null;
  bandwidth: number | null;
}

export interface HlsMediaSegment {
  url: URL;
  /** The segment's media sequence number: its identity across playlist reloads. */
  sequence: number;
  durationMs: number;
}

export type HlsPlaylist =
  | { kind: 'master'; variants: HlsVariant[] }
  | { kind: 'media'; targetDurationMs: number; endList: boolean; segments: HlsMediaSegment[] };

/** The smallest variant height that still shows overlays legibly (the "at least 480 px"). */
export const MIN_VARIANT_HEIGHT = 480;

/** Reads a playlist; every URI is resolved against the playlist's own URL. */
export function parsePlaylist(text: string, base: URL): HlsPlaylist {
  if (!text.trimStart().startsWith('#EXTM3U')) throw new Error('not an HLS playlist (no #EXTM3U)');
  const parser = new Parser();
  parser.push(text);
  parser.end();
  const manifest = parser.manifest;
  if (manifest.playlists?.length) {
    return {
      kind: 'master',
      variants: manifest.playlists.map((p) => ({
        url: new URL(p.uri, base),
        height: p.attributes.RESOLUTION?.height ?? null,
        bandwidth: p.attributes.BANDWIDTH ?? null,
      })),
    };
  }
  const first = manifest.mediaSequence ?? 0;
  const targetDurationMs = Math.round((Number.isFinite(manifest.targetDuration) ? manifest.targetDuration! : 6) * 1000);
  return {
    kind: 'media',
    targetDurationMs,
    endList: manifest.endList === true,
    segments: manifest.segments.map((s, i) => ({
      url: new URL(s.uri, base),
      sequence: first + i,
      durationMs: segmentDurationMs(s.duration, targetDurationMs),
    })),
  };
}

/**
 * A segment's stated duration, kept within what its playlist allows: it drives stream time and the bitrate check,
 * so a missing or inflated #EXTINF must not move either far.
 */
function segmentDurationMs(seconds: number, targetDurationMs: number): number {
  const stated = Math.round(seconds * 1000);
  // Under 100 ms is no live segment (m3u8-parser turns a zero into 10 ms): the target duration stands in.
  if (!Number.isFinite(stated) || stated < 100) return targetDurationMs;
  return Math.min(stated, targetDurationMs * 3);
}

/**
 * The variant to sample: the lowest that is at least 480 px high (cheapest to decode that still shows overlays),
 * else the highest there is; variants without a resolution rank by bandwidth.
 */
export function chooseVariant(variants: HlsVariant[]): HlsVariant {
  if (!variants.length) throw new Error('a master playlist without variants');
  const sized = variants.filter((v) => v.height !== null);
  if (sized.length) {
    const tallEnough = sized.filter((v) => v.height! >= MIN_VARIANT_HEIGHT).sort((a, b) => a.height! - b.height!);
    return tallEnough[0] ?? sized.sort((a, b) => b.height! - a.height!)[0];
  }
  return [...variants].sort((a, b) => (a.bandwidth ?? 0) - (b.bandwidth ?? 0))[0];
}

/**
 * The segments to fetch after `lastSequence` (null: none fetched yet, so start at the live edge, at most
 * `startBacklog` segments back, rather than replay a long event playlist from its start).
 */
export function segmentsToFetch(
  playlist: Extract<HlsPlaylist, { kind: 'media' }>,
  lastSequence: number | null,
  startBacklog = 2,
): HlsMediaSegment[] {
  const newest = playlist.segments.at(-1)?.sequence;
  // null: none taken yet. A newest sequence below the last taken: the encoder or origin restarted its numbering.
  if (lastSequence === null || (newest !== undefined && newest < lastSequence))
    return playlist.segments.slice(-startBacklog);
  return playlist.segments.filter((s) => s.sequence > lastSequence);
}
