import { MAX_JSON_DEPTH, hostileJson } from './hostile-json';

const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

describe('hostileJson', () => {
  it.each([
    ['a normal body', { lines: [{ at: '2026-12-01T00:00:00Z', text: '主播好' }] }, undefined],
    ['nested to the limit', nested(MAX_JSON_DEPTH), undefined],
    ['nested past the limit', nested(MAX_JSON_DEPTH + 1), 'json_too_deep'],
    ['nested 10,000 deep', nested(10_000), 'json_too_deep'],
    ['a huge number', { startOffsetMs: 1e300 }, 'number_out_of_range'],
    ['an integer past 2^53', JSON.parse('{"n": 9007199254740993}') as unknown, 'number_out_of_range'],
    ['the largest exact integer', { n: Number.MAX_SAFE_INTEGER }, undefined],
    ['no body', undefined, undefined],
  ])('%s', (_, body, code) => {
    expect(hostileJson(body)?.code).toBe(code);
  });
});
