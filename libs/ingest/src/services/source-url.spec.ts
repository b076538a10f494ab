import { sourceProtocolOf } from './source-url';

describe('sourceProtocolOf', () => {
  it.each([
    ['https://cdn.example/live/room/index.m3u8', 'hls'],
    ['http://cdn.example/live/room.m3u8?token=abc', 'hls'],
    ['https://cdn.example/live/room.flv', 'flv'],
    ['rtmp://live.example/app/stream-key', 'rtmp'],
    ['rtmps://live.example:443/app/key', 'rtmp'],
  ])('%s is %s', (url, protocol) => {
    expect(sourceProtocolOf(url, { allowPrivate: false })).toBe(protocol);
  });

  it.each([
    ['not a url', 400, 'invalid_source_url'],
    ['file:///etc/passwd', 422, 'unsupported_source'],
    ['ftp://cdn.example/a.m3u8', 422, 'unsupported_source'],
    ['rtsp://cam.example/stream', 422, 'unsupported_source'],
    ['https://cdn.example/live/room.mp4', 422, 'unsupported_source'],
    ['https://user:pw@cdn.example/a.m3u8', 422, 'unsupported_source'],
    ['http://127.0.0.1/live.m3u8', 422, 'url_not_allowed'],
    ['http://10.1.2.3/live.flv', 422, 'url_not_allowed'],
    ['rtmp://[::1]/app/key', 422, 'url_not_allowed'],
    ['http://169.254.169.254/latest.m3u8', 422, 'url_not_allowed'],
  ])('%s → %i %s', (url, status, code) => {
    expect(() => sourceProtocolOf(url, { allowPrivate: false })).toThrow(expect.objectContaining({ status, code }));
  });

  it('allows a listed private network, and only that one', () => {
    const policy = { allowPrivate: false, allowedNetworks: ['10.20.0.0/16'] };
    expect(sourceProtocolOf('http://10.20.3.4/live.m3u8', policy)).toBe('hls');
    expect(() => sourceProtocolOf('http://10.21.3.4/live.m3u8', policy)).toThrow(
      expect.objectContaining({ code: 'url_not_allowed' }),
    );
  });

  it('allows private addresses when configured to (tests, a CDN inside the platform)', () => {
    expect(sourceProtocolOf('http://127.0.0.1:8080/live.m3u8', { allowPrivate: true })).toBe('hls');
  });
});
