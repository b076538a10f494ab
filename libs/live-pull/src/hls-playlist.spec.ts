import { chooseVariant, parsePlaylist, segmentsToFetch } from './hls-playlist';

const BASE = new URL('http://cdn.example/live/room/index.m3u8');

describe('parsePlaylist', () => {
  it('reads a live media playlist with its sequence numbers, resolving URIs against the playlist', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-TARGETDURATION:4',
      '#EXT-X-MEDIA-SEQUENCE:17',
      '#EXTINF:4.000,',
      'seg17.ts',
      '#EXTINF:3.5,',
      '/abs/seg18.ts',
      '#EXTINF:4,',
      'http://other.example/seg19.ts',
    ].join('\n');
    const playlist = parsePlaylist(text, BASE);
    expect(playlist).toEqual({
      kind: 'media',
      targetDurationMs: 4000,
      endList: false,
      segments: [
        { url: new URL('http://cdn.example/live/room/seg17.ts'), sequence: 17, durationMs: 4000 },
        { url: new URL('http://cdn.example/abs/seg18.ts'), sequence: 18, durationMs: 3500 },
        { url: new URL('http://other.example/seg19.ts'), sequence: 19, durationMs: 4000 },
      ],
    });
  });

  it.each([
    ['#EXTINF:2,', 2000],
    ['#EXTINF:600,', 6000], // inflated: at most three target durations
    ['#EXTINF:0,', 2000], // missing: the target duration
  ])('keeps a segment duration (%s) within the playlist', (extinf, durationMs) => {
    const text = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n${extinf}\na.ts\n`;
    const playlist = parsePlaylist(text, BASE);
    expect(playlist.kind === 'media' && playlist.segments[0].durationMs).toBe(durationMs);
  });

  it('sees the end of a stream', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n#EXT-X-ENDLIST\n';
    expect(parsePlaylist(text, BASE)).toMatchObject({ kind: 'media', endList: true });
  });

  it('reads a master playlist', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360',
      '360p.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=1400000,RESOLUTION=842x480',
      '480p.m3u8',
    ].join('\n');
    const playlist = parsePlaylist(text, BASE);
    expect(playlist.kind).toBe('master');
    expect(playlist.kind === 'master' && playlist.variants.map((v) => [v.url.pathname, v.height])).toEqual([
      ['/live/room/360p.m3u8', 360],
      ['/live/room/480p.m3u8', 480],
    ]);
  });

  it.each([[''], ['<html>not found</html>'], ['ftyp....']])('refuses %j', (text) => {
    expect(() => parsePlaylist(text, BASE)).toThrow('not an HLS playlist');
  });
});

describe('chooseVariant', () => {
  const v = (height: number | null, bandwidth: number | null = null) => ({ url: BASE, height, bandwidth });
  it.each([
    ['the lowest at least 480 px high', [v(1080), v(360), v(720), v(480)], 480],
    ['720 when 480 is missing', [v(1080), v(360), v(720)], 720],
    ['the highest when all are small', [v(240), v(360)], 360],
    ['a single variant', [v(1080)], 1080],
  ])('%s', (_case, variants, height) => {
    expect(chooseVariant(variants).height).toBe(height);
  });

  it('ranks unsized variants by bandwidth, lowest first', () => {
    expect(chooseVariant([v(null, 3_000_000), v(null, 900_000)]).bandwidth).toBe(900_000);
  });
});

describe('segmentsToFetch', () => {
  const playlist = parsePlaylist(
    '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:10\n' +
      [10, 11, 12, 13, 14].map((n) => `#EXTINF:2,\ns${n}.ts`).join('\n'),
    BASE,
  ) as Extract<ReturnType<typeof parsePlaylist>, { kind: 'media' }>;
  it.each([
    ['starts at the live edge', null, [13, 14]],
    ['takes what came after the last one', 12, [13, 14]],
    ['nothing new', 14, []],
    ['a gap (the worker was away): all that is still listed', 3, [10, 11, 12, 13, 14]],
    ['the numbering restarted below the last taken: the live edge again', 900, [13, 14]],
  ])('%s', (_case, last, expected) => {
    expect(segmentsToFetch(playlist, last).map((s) => s.sequence)).toEqual(expected);
  });
});
