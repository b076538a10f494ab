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
  return {
    kind: 'media',
    targetDurationMs: Math.round((manifest.targetDuration ?? 6) * 1000),
    endList: manifest.endList === true,
    segments: manifest.segments.map((s, i) => ({
      url: new URL(s.uri, base),
      sequence: first + i,
      durationMs: Math.round(s.duration * 1000),
    })),
  };
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
  if (lastSequence === null) return playlist.segments.slice(-startBacklog);
  return playlist.segments.filter((s) => s.sequence > lastSequence);
}
