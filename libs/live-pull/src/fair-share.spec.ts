import { fairShare } from './fair-share';

describe('fairShare', () => {
  it.each([
    [6, 2, 50, 3],
    [7, 2, 50, 4],
    [6, 1, 50, 6],
    [6, 1, 4, 4],
    [0, 3, 50, 0],
    [5, 0, 50, 5], // no worker seen yet (this one's first pass)
    [100, 3, 20, 20],
  ])('%i streams over %i workers, capacity %i → %i', (streams, workers, capacity, expected) => {
    expect(fairShare(streams, workers, capacity)).toBe(expected);
  });
});
