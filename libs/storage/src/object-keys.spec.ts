import { checkRelativePath, folderKeyPrefix, objectKey } from './object-keys';

describe('object keys', () => {
  it.each([
    ['', 'media/p1/segments/s1.ts', 'media/p1/segments/s1.ts'],
    ['qinglang', 'frames/p1/segment-s1/0000002000.jpg', 'qinglang/frames/p1/segment-s1/0000002000.jpg'],
    ['a/b', 'media/p1/posts/x/y.png', 'a/b/media/p1/posts/x/y.png'],
  ])('under prefix %j, %s is stored at %s', (prefix, path, key) => expect(objectKey(prefix, path)).toBe(key));

  it.each([
    ['', 'frames/p1/segment-1', 'frames/p1/segment-1/'],
    ['ql', 'frames/p1/segment-1/', 'ql/frames/p1/segment-1/'],
  ])('lists a folder under prefix %j with a trailing slash (%s)', (prefix, folder, expected) =>
    expect(folderKeyPrefix(prefix, folder)).toBe(expected),
  );

  it.each(['', '/etc/passwd', '../secret', 'media/../../x', 'media//x', './media', 'media\\x', 'media/\0x', 'a/./b'])(
    'refuses %j',
    (path) => {
      expect(() => checkRelativePath(path)).toThrow('Not a stored media path');
      expect(() => objectKey('ql', path)).toThrow('Not a stored media path');
    },
  );
});
