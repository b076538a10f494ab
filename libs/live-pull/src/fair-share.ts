/**
 * How many streams one worker should hold: the active streams shared out over the live workers in proportion
 * to their capacities (rounded up), never more than its own capacity. A worker above its share by more than one
 * gives one back per pass.
 */
export function fairShare(activeStreams: number, ownCapacity: number, totalCapacity: number): number {
  if (totalCapacity <= 0) return Math.min(ownCapacity, activeStreams);
  return Math.min(ownCapacity, Math.ceil((activeStreams * ownCapacity) / totalCapacity));
}
