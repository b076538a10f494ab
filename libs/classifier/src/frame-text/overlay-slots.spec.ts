import { OverlaySlots } from './overlay-slots';

describe('OverlaySlots', () => {
  it('gives each 10 s slot of a stream to its first frame, across calls', () => {
    const slots = new OverlaySlots(10);
    // One 2 s piece per call at the 5 s tier: frames at 0, 5, 10, 15, 20 s.
    const read = [0, 5000, 10_000, 15_000, 20_000].map((t) => slots.claim('stream-a', `f${t}`, t));
    expect(read).toEqual([true, false, true, false, true]);
  });

  it('keeps streams apart', () => {
    const slots = new OverlaySlots(10);
    expect(slots.claim('a', 'a1', 1000)).toBe(true);
    expect(slots.claim('b', 'b1', 1000)).toBe(true);
    expect(slots.claim('a', 'a2', 2000)).toBe(false);
  });

  it('lets a retried frame keep its slot, and a late piece take a slot no one read', () => {
    const slots = new OverlaySlots(4);
    expect(slots.claim('a', 'f8', 8000)).toBe(true);
    expect(slots.claim('a', 'f8', 8000)).toBe(true);
    // The piece before came late: its slot was not read yet.
    expect(slots.claim('a', 'f5', 5000)).toBe(true);
    expect(slots.claim('a', 'f9', 9000)).toBe(false);
  });

  it('reads nothing when the interval is 0', () => {
    expect(new OverlaySlots(0).claim('a', 'f', 0)).toBe(false);
  });
});
