import type { FlagLink, FrameFindings, ItemPage, LineFindings, TextFindings, TipFindings } from '../item-result-views';

/** Every frame of an item (position order) and the ids its flags are looked up by: the frames and their signals. */
export interface ItemFrameIds {
  frameIds: string[];
  lookupIds: string[];
}

/** Results of a finished item, provided by the classifier module (downstream of ingest). */
export const ITEM_RESULTS = Symbol('ITEM_RESULTS');

export interface ItemResultsReader {
  /**
   * One page of a segment's or post's frames (in position order) with what each model found, and counts over all;
   * `all` names every frame of the item and the ids to look its flags up by, so the item's flags cover frames off
   * the page too.
   */
  forSource(
    platformId: string,
    sourceKind: 'segment' | 'post',
    sourceId: string,
    page: ItemPage,
  ): Promise<{
    frames: FrameFindings[];
    summary: { framesSampled: number; framesClassified: number; nearDuplicates: number };
    all: ItemFrameIds;
  }>;
  /** What the text model and the entity bank found in these chat or transcript lines, or posts' texts, by id. */
  forTexts(sourceKind: 'text_line' | 'post_text', ids: string[]): Promise<Map<string, LineFindings>>;
  /**
   * The running text model's scores and spans for texts that have no stored ones (below every evidence
   * threshold, so not kept), in order; null when the model is not loaded in this process yet.
   */
  rescoreTexts(texts: string[]): Promise<TextFindings[] | null>;
  /** The tip rules each of these tip events tripped, by event id. */
  forTipEvents(eventIds: string[]): Promise<Map<string, TipFindings>>;
  /** How many frames a stream has had sampled, and when the last one was. */
  streamFrames(streamId: string): Promise<{ framesSampled: number; lastFrameAt: Date | null }>;
}

/** Flags whose evidence holds an item's frames, lines or events: provided by flagging (downstream of ingest). */
export const FLAG_LINKS = Symbol('FLAG_LINKS');

export interface FlagLinksReader {
  /**
   * The platform's flags holding any of these signals or sources (frames, lines, tip events) as evidence, keyed by
   * the evidence's source id. Another platform's flags are never returned.
   */
  bySource(platformId: string, ids: string[]): Promise<Map<string, FlagLink[]>>;
}
