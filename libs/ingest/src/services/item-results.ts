/** Results of a finished item, provided by the classifier module (downstream of ingest). */
export const ITEM_RESULTS = Symbol('ITEM_RESULTS');

export interface ItemResultsReader {
  forSource(platformId: string, sourceKind: 'segment' | 'post', sourceId: string): Promise<unknown>;
  /** How many frames a stream has had sampled, and when the last one was. */
  streamFrames(streamId: string): Promise<{ framesSampled: number; lastFrameAt: Date | null }>;
}
