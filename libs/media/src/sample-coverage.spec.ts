import { clock, coverageProblem, durationProblem } from './sample-coverage';

/** Every 2 s from 0 to `lastSecond`, as the sampler would return them. */
const every2s = (lastSecond: number) => Array.from({ length: lastSecond / 2 + 1 }, (_, i) => i * 2000);

describe('coverageProblem: a video is classified only for the time it really sampled', () => {
  it.each([
    ['frames to the last interval of a 10 s video', every2s(8), 10_000, undefined],
    ['the last frame two intervals and a second short of the end', every2s(10), 15_000, undefined],
    ['a container that does not say its duration', every2s(8), null, undefined],
    ['a 10-hour video cut after 6.7 hours', every2s(24_120), 36_000_000, 'incomplete_coverage'],
    ['the last frame just over two intervals and a second short', every2s(10), 15_001, 'incomplete_coverage'],
    ['no frame at all', [], 10_000, 'no_frames'],
    ['no frame and no duration', [], null, 'no_frames'],
  ])('%s', (_, positionsMs, durationMs, code) => {
    expect(coverageProblem({ positionsMs, durationMs, intervalSeconds: 2 })?.code).toBe(code);
  });

  it('refuses frames past the limit even when the container claims to be short', () => {
    const problem = coverageProblem({
      positionsMs: every2s(62),
      durationMs: 30_000,
      intervalSeconds: 2,
      maxDurationSeconds: 60,
    });
    expect(problem?.code).toBe('media_too_long');
    expect(problem?.message).toBe(
      'The video runs past 0:01:00, the most this service accepts; send it in shorter parts.',
    );
    expect(
      coverageProblem({ positionsMs: every2s(60), durationMs: 60_000, intervalSeconds: 2, maxDurationSeconds: 60 }),
    ).toBeUndefined();
  });

  it('names both times when frames stop short', () => {
    expect(coverageProblem({ positionsMs: every2s(24_120), durationMs: 36_000_000, intervalSeconds: 2 })?.message).toBe(
      'Frames could be sampled only up to 6:42:00 of 10:00:00; the rest of the video could not be decoded.',
    );
  });
});

describe('durationProblem: the limit on a video the container says is long', () => {
  it.each([
    [3_600_000, 3600, undefined],
    [3_600_001, 3600, 'media_too_long'],
    [36_000_000, 3600, 'media_too_long'],
    [null, 3600, undefined],
    [36_000_000, undefined, undefined],
  ])('%p ms against %p s', (durationMs, max, code) => {
    expect(durationProblem(durationMs, max)?.code).toBe(code);
  });

  it('says how long the video is and what the limit is', () => {
    expect(durationProblem(7_200_000, 3600)?.message).toBe(
      'The video lasts 2:00:00, more than the 1:00:00 this service accepts; send it in shorter parts.',
    );
  });
});

describe('clock', () => {
  it.each([
    [0, '0:00:00'],
    [4_080, '0:00:04.1'],
    [59_999, '0:01:00'],
    [36_000_000, '10:00:00'],
  ])('%p ms is %p', (ms, text) => expect(clock(ms)).toBe(text));
});
