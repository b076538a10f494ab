import QRCode from 'qrcode';
import type { RgbaImage } from './frame-image';
import { decodeQrCodes, describeQrData } from './qr-decoder';

/** A mid-grey frame with each code drawn black on white, `modulePixels` a module, with a 4-module quiet zone. */
function frameWith(codes: Array<{ text: string; x: number; y: number; modulePixels: number }>): RgbaImage {
  const width = 640;
  const height = 360;
  const data = new Uint8ClampedArray(width * height * 4).fill(128);
  const paint = (x: number, y: number, value: number) => data.fill(value, (y * width + x) * 4, (y * width + x) * 4 + 3);
  for (const { text, x, y, modulePixels } of codes) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const size = modules.size;
    const side = (size + 8) * modulePixels;
    for (let py = 0; py < side; py++) {
      for (let px = 0; px < side; px++) {
        const row = Math.floor(py / modulePixels) - 4;
        const column = Math.floor(px / modulePixels) - 4;
        const dark = row >= 0 && column >= 0 && row < size && column < size && modules.get(row, column) === 1;
        paint(x + px, y + py, dark ? 0 : 255);
      }
    }
  }
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

describe('decodeQrCodes', () => {
  it('finds a code and gives its box in frame pixels', async () => {
    const [code, ...rest] = await decodeQrCodes(
      frameWith([{ text: 'https://bet.example/r?ref=1', x: 400, y: 100, modulePixels: 4 }]),
    );
    expect(rest).toEqual([]);
    expect(code).toMatchObject({
      data: 'https://bet.example/r?ref=1',
      url: 'https://bet.example/r?ref=1',
      host: 'bet.example',
    });
    // The symbol itself starts after the 16 px quiet zone.
    expect(code.box.x).toBeGreaterThanOrEqual(414);
    expect(code.box.x).toBeLessThanOrEqual(418);
    expect(code.box.y).toBeGreaterThanOrEqual(114);
    expect(code.box.y).toBeLessThanOrEqual(118);
  });

  it('finds every code in a frame, not just the first', async () => {
    const codes = await decodeQrCodes(
      frameWith([
        { text: 'https://one.example/', x: 20, y: 20, modulePixels: 3 },
        { text: 'weixin://contact/bjl8888', x: 420, y: 180, modulePixels: 3 },
      ]),
    );
    expect(codes.map((code) => code.data).sort()).toEqual(['https://one.example/', 'weixin://contact/bjl8888']);
  });

  it('reads a code at two pixels a module', async () => {
    expect(
      (await decodeQrCodes(frameWith([{ text: 'bet-888.example/go', x: 300, y: 200, modulePixels: 2 }]))).map(
        (code) => code.host,
      ),
    ).toEqual(['bet-888.example']);
  });

  it('reads a light-on-dark (inverted) code', async () => {
    const frame = frameWith([{ text: 'https://inverted.example/', x: 200, y: 60, modulePixels: 3 }]);
    for (let i = 0; i < frame.data.length; i += 4)
      for (let c = 0; c < 3; c++) frame.data[i + c] = 255 - frame.data[i + c];
    expect((await decodeQrCodes(frame)).map((code) => code.host)).toEqual(['inverted.example']);
  });

  it('finds nothing in a frame without a code', async () => {
    expect(await decodeQrCodes(frameWith([]))).toEqual([]);
  });
});

describe('describeQrData', () => {
  it.each([
    [
      'https://bet-888-casino.example/register?ref=live',
      'https://bet-888-casino.example/register?ref=live',
      'bet-888-casino.example',
    ],
    ['  HTTP://Bet.Example/x  ', 'http://bet.example/x', 'bet.example'],
    ['www.bet888.example/join', 'http://www.bet888.example/join', 'www.bet888.example'],
    ['bet888.example:8443?ref=2', 'http://bet888.example:8443/?ref=2', 'bet888.example'],
  ])('reads %j as a web address', (data, url, host) => {
    expect(describeQrData(data)).toEqual({ data, url, host });
  });

  it.each([
    '加微信 bjl8888',
    'weixin://contact/bjl8888',
    'WIFI:S:home;T:WPA;P:secret;;',
    '12345.67',
    'mailto:a@b.example',
  ])('leaves %j as plain data', (data) => {
    expect(describeQrData(data)).toEqual({ data });
  });
});
