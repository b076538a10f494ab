// Overlay slots remembered per stream, a few back: pieces of a stream are classified in order, give or take a retry.
const RECENT_SLOTS = 16;
const REMEMBERED_STREAMS = 4096;

/**
 * Which of a stream's frames get their overlays read: the first classified frame of each slot of `seconds` of
 * stream time. Remembered across calls, since a pulled stream comes one piece (a frame or two) at a time and each
 * would otherwise be the first of its slot; a frame that had a slot before (a retried job) keeps it.
 */
export class OverlaySlots {
  private readonly read = new Map<string, Map<number, string>>();

  constructor(private readonly seconds: number) {}

  /** True when `frameId` is the frame of its slot of `streamKey`'s time (and claims it when the slot is free). */
  claim(streamKey: string, frameId: string, streamTimeMs: number): boolean {
    if (this.seconds <= 0) return false;
    const slot = Math.floor(streamTimeMs / (this.seconds * 1000));
    const slots = this.read.get(streamKey) ?? new Map<number, string>();
    const holder = slots.get(slot);
    if (holder !== undefined && holder !== frameId) return false;
    slots.set(slot, frameId);
    for (const old of slots.keys()) if (slots.size > RECENT_SLOTS) slots.delete(old);
    this.read.delete(streamKey);
    this.read.set(streamKey, slots);
    if (this.read.size > REMEMBERED_STREAMS) this.read.delete(this.read.keys().next().value!);
    return true;
  }
}
