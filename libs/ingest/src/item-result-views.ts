/**
 * What each model found in an item, as a platform reads it on the item's GET: the shapes the classifier gives
 * (`*Findings`, with the signal ids behind them) and the pure builders that turn them into the public view, with
 * links to the flags they joined and the page of a long list.
 */

export interface ModelRef {
  name: string;
  version: string;
}

/** A flag an item's frame, line or event is evidence in, with where to read it. */
export interface FlagLink {
  id: string;
  category: string;
  status: string;
  reviewState: string;
  url: string;
}

export interface FrameBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One line of on-screen text as OCR read it, where it sits on the frame (pixels), its confidence 0-100. */
export interface OcrLineView {
  region: string;
  text: string;
  confidence: number;
  box: FrameBox;
}

export interface QrPayloadView {
  data: string;
  url: string | null;
  host: string | null;
  box: FrameBox;
}

/** Why a text scored: one lexicon term, pattern or combination, with its place in the text. */
export interface TextSpanView {
  category: string;
  span: { start: number; end: number };
  text: string;
  rule: string;
  weight: number;
}

/** The text model's scores per category over a text (a line, or what a frame's overlay says) and its spans. */
export interface TextFindings {
  model: ModelRef;
  scores: Record<string, number>;
  spans: TextSpanView[];
}

/** An entity-bank entry a text or QR payload carried. */
export interface BankMatchView {
  entryId: string;
  kind: string;
  value: string;
  category: string;
}

export interface TipRuleView {
  rule: string;
  score: number;
  explanation: string;
  relatedTipIds: string[];
}

export interface FrameFindings {
  id: string;
  source: string;
  positionMs: number;
  streamTimeMs: number | null;
  status: string;
  duplicateOf: string | null;
  duplicateDistance: number | null;
  perceptualHash: string;
  width: number;
  height: number;
  imageUrl: string;
  /** When retention deleted the JPEG (its URL then answers 410); the record and scores stay. */
  imageDeletedAt: string | null;
  /** The porn model's score for every class it gives (NSFWJS: drawing, hentai, neutral, porn, sexy). */
  scores: Record<string, number> | null;
  topLabel: string | null;
  model: ModelRef | null;
  /**
   * On-screen text and QR codes, when this frame's overlays were read (one frame per OCR_INTERVAL_SECONDS and per
   * QR_INTERVAL_SECONDS of a stream; every post image); null when they were not.
   */
  overlay: { read: { text: boolean; qr: boolean }; lines: OcrLineView[]; qrCodes: QrPayloadView[] } | null;
  /** The text model over what the overlay says, when that is evidence for some category. */
  text: TextFindings | null;
  bank: BankMatchView[];
  signalIds: string[];
}

export interface LineFindings {
  text: TextFindings | null;
  bank: BankMatchView[];
  signalIds: string[];
}

export interface TipFindings {
  model: ModelRef;
  /** The highest of the rules' scores: the event's `tipping` score. */
  score: number;
  rules: TipRuleView[];
  signalIds: string[];
}

export interface ItemPage {
  offset: number;
  limit: number;
}

/** Where a list shown on an item's GET stands: `nextOffset` null on its last page. */
export interface PageView {
  offset: number;
  limit: number;
  total: number;
  nextOffset: number | null;
}

export function pageView(page: ItemPage, total: number): PageView {
  const end = page.offset + page.limit;
  return { offset: page.offset, limit: page.limit, total, nextOffset: end < total ? end : null };
}

/** The ids to look flags up by: the signals behind each finding and the sources themselves (rule evidence). */
export function flagLookupIds(findings: Array<{ id: string; signalIds: string[] }>): string[] {
  return [...new Set(findings.flatMap((f) => [f.id, ...f.signalIds]))];
}

export type FrameView = Omit<FrameFindings, 'signalIds'> & { flags: FlagLink[] };

export function frameView(frame: FrameFindings, flags: Map<string, FlagLink[]>): FrameView {
  const { signalIds: _signalIds, ...shown } = frame;
  return { ...shown, flags: flags.get(frame.id) ?? [] };
}

/**
 * Where a line's scores come from: `stored` with the signal the flags are built from (the line reached some
 * category's evidence threshold); `recomputed` by the running text model when read (the line reached none, so
 * nothing was kept: these scores are behind no flag); null when there are none (the model not loaded yet).
 */
export type ScoredBy = 'stored' | 'recomputed';

export interface LineResultsView {
  scores: Record<string, number> | null;
  spans: TextSpanView[];
  model: ModelRef | null;
  scoredBy: ScoredBy | null;
  bank: BankMatchView[];
  flags: FlagLink[];
}

/** Stored findings are authoritative; `recomputed` fills in only a text that has no stored scores. */
export function lineResults(
  findings: LineFindings | undefined,
  flags: FlagLink[],
  recomputed?: TextFindings,
): LineResultsView {
  const text = findings?.text ?? recomputed ?? null;
  return {
    scores: text?.scores ?? null,
    spans: text?.spans ?? [],
    model: text?.model ?? null,
    scoredBy: findings?.text ? 'stored' : text ? 'recomputed' : null,
    bank: findings?.bank ?? [],
    flags,
  };
}

/** The texts among these that have no stored scores: the ones to score again when read. */
export function unscored<T extends { id: string }>(items: T[], findings: Map<string, LineFindings>): T[] {
  return items.filter((i) => !findings.get(i.id)?.text);
}

/** A tip event's results: the rules it tripped (none: score null). */
export interface TipResultsView {
  score: number | null;
  rules: TipRuleView[];
  model: ModelRef | null;
  flags: FlagLink[];
}

export function tipResults(findings: TipFindings | undefined, flags: FlagLink[]): TipResultsView {
  return {
    score: findings?.score ?? null,
    rules: findings?.rules ?? [],
    model: findings?.model ?? null,
    flags,
  };
}

/** The flags of a whole item, each once, in the order first met. */
export function itemFlags(flagLists: FlagLink[][]): FlagLink[] {
  const seen = new Map<string, FlagLink>();
  for (const flag of flagLists.flat()) if (!seen.has(flag.id)) seen.set(flag.id, flag);
  return [...seen.values()];
}
