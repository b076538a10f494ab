import { fairShare } from './fair-share';

describe('fairShare', () => {
  it.each([
    [6, 50, 100, 3], // two workers of 50
    [7, 50, 100, 4],
    [6, 50, 50, 6], // alone
    [6, 4, 4, 4], // alone, capacity bound
    [0, 50, 150, 0],
    [5, 50, 0, 5], // no worker seen yet (this one's first pass)
    [50, 2, 102, 1], // a small worker beside a large one takes little…
    [50, 100, 102, 50], // …and the large one takes the rest
    [100, 20, 60, 20],
  ])('%i streams, own capacity %i of %i → %i', (streams, own, total, expected) => {
    expect(fairShare(streams, own, total)).toBe(expected);
  });
});
