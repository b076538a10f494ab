/**
 * How many streams one worker should hold: the active streams spread evenly over the live workers (rounded up),
 * never more than its capacity. A worker above its share by more than one gives one back per pass.
 */
export function fairShare(activeStreams: number, liveWorkers: number, capacity: number): number {
  return Math.min(capacity, Math.ceil(activeStreams / Math.max(1, liveWorkers)));
}
