import type {
  BankMatchView,
  FrameFindings,
  LineFindings,
  OcrLineView,
  QrPayloadView,
  TextFindings,
  TextSpanView,
  TipFindings,
  TipRuleView,
} from '@qinglang/ingest';
import type { Frame } from '@qinglang/media';
import type { Signal } from './signal.entity';

/** The model names whose signals say what they say about text (the entity bank's are matches, not scores). */
export const TEXT_MODEL = 'qinglang-text';
export const BANK_MODEL = 'qinglang-bank';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

function spansOf(detail: Record<string, unknown>): TextSpanView[] {
  return array(detail.spans).map((raw) => {
    const s = record(raw);
    const span = record(s.span);
    return {
      category: str(s.category),
      span: { start: Number(span.start ?? 0), end: Number(span.end ?? 0) },
      text: str(s.text),
      rule: str(s.rule),
      weight: Number(s.weight ?? 0),
    };
  });
}

function bankOf(signal: Signal | undefined): BankMatchView[] {
  if (!signal) return [];
  return array(signal.detail?.bank).map((raw) => {
    const b = record(raw);
    return {
      entryId: str(b.entryId),
      kind: str(b.kind),
      value: str(b.value),
      category: str(b.category),
    };
  });
}

function textOf(signal: Signal | undefined): TextFindings | null {
  if (!signal) return null;
  return {
    model: { name: signal.model, version: signal.modelVersion },
    scores: signal.categories ?? signal.scores,
    spans: spansOf(record(signal.detail)),
  };
}

/**
 * What OCR and the QR search read on a frame, as the classifier keeps it in the porn signal's detail (`overlay`);
 * null when the frame's overlays were not read (or it was classified before overlays were kept).
 */
export function overlayOf(signal: Signal | undefined): FrameFindings['overlay'] {
  const overlay = record(signal?.detail?.overlay);
  if (!signal || !Object.keys(overlay).length) return null;
  const read = record(overlay.read);
  return {
    read: { text: read.text === true, qr: read.qr === true },
    lines: array(overlay.lines) as OcrLineView[],
    qrCodes: array(overlay.qrCodes) as QrPayloadView[],
  };
}

/** Signals grouped by the content they are about. */
export function bySource(signals: Signal[]): Map<string, Signal[]> {
  const grouped = new Map<string, Signal[]>();
  for (const signal of signals) grouped.set(signal.sourceId, [...(grouped.get(signal.sourceId) ?? []), signal]);
  return grouped;
}

/** A frame with the porn model's scores, its overlay as read, and the text model's and bank's findings on it. */
export function frameFindings(frame: Frame, porn: Signal | undefined, overlaySignals: Signal[]): FrameFindings {
  return {
    id: frame.id,
    source: frame.sourceKind,
    positionMs: frame.positionMs,
    streamTimeMs: frame.streamTimeMs,
    status: frame.status,
    duplicateOf: frame.duplicateOfId,
    duplicateDistance: frame.duplicateDistance,
    perceptualHash: frame.perceptualHash,
    width: frame.width,
    height: frame.height,
    imageUrl: `/v1/frames/${frame.id}/image`,
    imageDeletedAt: frame.purgedAt?.toISOString() ?? null,
    scores: porn?.scores ?? null,
    topLabel: porn?.topLabel ?? null,
    model: porn ? { name: porn.model, version: porn.modelVersion } : null,
    overlay: overlayOf(porn),
    text: textOf(overlaySignals.find((s) => s.model === TEXT_MODEL)),
    bank: bankOf(overlaySignals.find((s) => s.model === BANK_MODEL)),
    signalIds: [...(porn ? [porn.id] : []), ...overlaySignals.map((s) => s.id)],
  };
}

/** A line's (or a post text's) findings from its signals; undefined when it has none. */
/** What the text model finds in a text now, in the shape stored findings have (its evidence as spans). */
export function recomputedTextFindings(
  classification: { scores: Record<string, number>; evidence: unknown },
  model: { name: string; version: string },
): TextFindings {
  return { model, scores: { ...classification.scores }, spans: spansOf({ spans: classification.evidence }) };
}

export function textFindings(signals: Signal[]): LineFindings | undefined {
  if (!signals.length) return undefined;
  return {
    text: textOf(signals.find((s) => s.model === TEXT_MODEL)),
    bank: bankOf(signals.find((s) => s.model === BANK_MODEL)),
    signalIds: signals.map((s) => s.id),
  };
}

/** A tip event's findings from its tip-rules signal. */
export function tipFindings(signal: Signal): TipFindings {
  return {
    model: { name: signal.model, version: signal.modelVersion },
    score: signal.categories?.tipping ?? Math.max(0, ...Object.values(signal.scores)),
    rules: array(signal.detail?.rules).map((raw): TipRuleView => {
      const r = record(raw);
      return {
        rule: str(r.rule),
        score: Number(r.score ?? 0),
        explanation: str(r.explanation),
        relatedTipIds: array(r.relatedTipIds).map(String),
      };
    }),
    signalIds: [signal.id],
  };
}
