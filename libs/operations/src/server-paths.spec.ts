import { withoutServerPaths } from './server-paths';

describe('withoutServerPaths', () => {
  it.each([
    [
      'ffmpeg: /var/lib/qinglang/data/media/ab/cd/segment.ts: Invalid data found',
      'ffmpeg: segment.ts: Invalid data found',
    ],
    [
      "ENOENT: no such file or directory, open '/tmp/ql-x/frames/1.jpg'",
      "ENOENT: no such file or directory, open '1.jpg'",
    ],
    ['spawn /usr/lib/node_modules/ffmpeg-static/ffmpeg EACCES', 'spawn ffmpeg EACCES'],
    ['cwd (/work/main/data/) missing', 'cwd (…) missing'],
    [
      'GET https://cdn.example.com/live/room/index.m3u8 answered 404',
      'GET https://cdn.example.com/live/room/index.m3u8 answered 404',
    ],
    ['rtmp://127.0.0.1:1935/live/key refused', 'rtmp://127.0.0.1:1935/live/key refused'],
    ['1/2 frames, ratio 3/4', '1/2 frames, ratio 3/4'],
    ['no paths here', 'no paths here'],
    ['could not read the file: file:/tmp/ql/media/a/b.ts: bad', 'could not read the file: file:b.ts: bad'],
  ])('%s', (text, expected) => {
    expect(withoutServerPaths(text)).toBe(expected);
  });
});
