import { jpegSize } from './jpeg-size';

const segment = (marker: number, payload: number[]) => [0xff, marker, 0, payload.length + 2, ...payload];
// SOFn: precision, height and width (big-endian), then the components, which do not matter here.
const sof = (marker: number, width: number, height: number) =>
  segment(marker, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0]);

describe('jpegSize', () => {
  it.each([
    [
      'baseline after JFIF and a comment',
      [...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0]), ...segment(0xfe, [0x4c]), ...sof(0xc0, 960, 540)],
      { width: 960, height: 540 },
    ],
    ['progressive', sof(0xc2, 64, 36), { width: 64, height: 36 }],
    ['fill bytes before a marker', [0xff, 0xff, ...sof(0xc0, 320, 180)], { width: 320, height: 180 }],
    ['a header cut before its frame header', segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0]), undefined],
  ])('%s', (_, body, size) => {
    expect(jpegSize(Buffer.from([0xff, 0xd8, ...body, 0xff, 0xd9]))).toEqual(size);
  });

  it('is undefined for a file that is not a JPEG', () => {
    expect(jpegSize(Buffer.from('\x89PNG\r\n\x1a\n0000000000000000', 'latin1'))).toBeUndefined();
  });
});
