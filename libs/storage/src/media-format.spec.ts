import { looksLikePlaylist, sniffImageContainer, sniffVideoContainer } from './media-format';

describe('media format checks', () => {
  it('recognises containers by content', () => {
    const ts = Buffer.alloc(376);
    ts[0] = 0x47;
    ts[188] = 0x47;
    expect(sniffVideoContainer(ts)).toBe('mpegts');
    expect(sniffVideoContainer(Buffer.from('\x00\x00\x00\x20ftypisom\x00\x00\x02\x00', 'latin1'))).toBe('mov');
    expect(sniffVideoContainer(Buffer.from('FLV\x01\x05\x00\x00\x00\x09', 'latin1'))).toBe('flv');
    expect(sniffVideoContainer(Buffer.from('this is text, not video'))).toBeUndefined();
    expect(sniffImageContainer(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg_pipe');
    expect(sniffImageContainer(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBe('png_pipe');
  });

  it.each([
    '#EXTM3U\n#EXTINF:10,\nsegment.ts\n',
    '\uFEFF  #extm3u\n',
    "ffconcat version 1.0\nfile 'a.mp4'\n",
    "file '/etc/passwd'\n",
    '<?xml version="1.0"?><MPD xmlns="urn:mpeg:dash:schema:mpd:2011"></MPD>',
    'v=0\no=- 0 0 IN IP4 127.0.0.1\n',
  ])('flags %j as a playlist', (text) => expect(looksLikePlaylist(Buffer.from(text))).toBe(true));

  it('does not flag ordinary text or binary', () => {
    expect(looksLikePlaylist(Buffer.from('hello world, a profile of a file system'))).toBe(false);
    expect(looksLikePlaylist(Buffer.from([0x47, 0x40, 0x11, 0x10]))).toBe(false);
  });
});
