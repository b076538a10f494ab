import { Bucket, takeToken } from './token-bucket';

describe('takeToken', () => {
  const rule = { perSecond: 10, burst: 3 };
  const run = (times: number[]) => {
    let bucket: Bucket | undefined;
    return times.map((t) => {
      const take = takeToken(bucket, rule, t);
      bucket = take.bucket;
      return take.allowed ? 'ok' : `wait ${take.retryAfterMs}`;
    });
  };

  it.each<[string, number[], string[]]>([
    ['a burst up to the bucket, then refused', [0, 0, 0, 0], ['ok', 'ok', 'ok', 'wait 100']],
    ['refills at the rate', [0, 0, 0, 100], ['ok', 'ok', 'ok', 'ok']],
    ['half a token is not enough, and says how long', [0, 0, 0, 50], ['ok', 'ok', 'ok', 'wait 50']],
    [
      'a quiet spell refills no more than the burst',
      [0, 10_000, 10_000, 10_000, 10_000],
      ['ok', 'ok', 'ok', 'ok', 'wait 100'],
    ],
    ['a refused call takes nothing', [0, 0, 0, 0, 0, 100], ['ok', 'ok', 'ok', 'wait 100', 'wait 100', 'ok']],
    ['a clock that went back adds nothing', [1000, 1000, 1000, 500], ['ok', 'ok', 'ok', 'wait 100']],
    ['steady at the rate is always allowed', [0, 100, 200, 300, 400, 500], ['ok', 'ok', 'ok', 'ok', 'ok', 'ok']],
  ])('%s', (_, times, expected) => expect(run(times)).toEqual(expected));
});
