import { formatWitnessLine, parseWitnessLine, witnessLineOf } from './witness-line';

const good = {
  seq: 7,
  hash: 'ab'.repeat(32),
  signature: 'AAEC+/==',
  keyId: '0123456789abcdef',
  at: '2026-12-01T00:00:00.000Z',
};

describe('witness lines', () => {
  it('are written in a fixed key order and read back the same', () => {
    const line = witnessLineOf({ ...good, createdAt: new Date(good.at) });
    const text = formatWitnessLine(line);
    expect(text).toBe(
      `{"seq":7,"hash":"${good.hash}","signature":"AAEC+/==","keyId":"0123456789abcdef","at":"2026-12-01T00:00:00.000Z"}`,
    );
    expect(parseWitnessLine(text)).toEqual(good);
  });

  it.each([
    ['a torn write', formatWitnessLine(good).slice(0, 40)],
    ['not an object', '17'],
    ['null', 'null'],
    ['seq 0', JSON.stringify({ ...good, seq: 0 })],
    ['seq as text', JSON.stringify({ ...good, seq: '7' })],
    ['a short hash', JSON.stringify({ ...good, hash: 'ab' })],
    ['an upper-case hash', JSON.stringify({ ...good, hash: 'AB'.repeat(32) })],
    ['a signature that is not base64', JSON.stringify({ ...good, signature: 'not base64!' })],
    ['no keyId', JSON.stringify({ ...good, keyId: undefined })],
  ])('refuse %s', (_name, text) => {
    expect(parseWitnessLine(text)).toBeNull();
  });
});
