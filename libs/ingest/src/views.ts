import { createHash } from 'node:crypto';
import { publicStatus } from './entities/item-status';
import type { ItemStage } from './entities/item-status';
import type {
  Post,
  PostMedia,
  Segment,
  Stream,
  StreamSource,
  TextBatch,
  TextLine,
  TipBatch,
  TipEvent,
} from './entities';
import {
  FlagLink,
  FrameFindings,
  FrameView,
  ItemPage,
  LineFindings,
  LineResultsView,
  PageView,
  TextFindings,
  TipFindings,
  frameView,
  itemFlags,
  lineResults,
  pageView,
  tipResults,
} from './item-result-views';

export type * from './item-result-views';

/** How items look to platforms: ISO times, the public status, and a failure only when there is one. */
function lifecycle(item: {
  stage: ItemStage;
  failureCode: string | null;
  failureReason: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}) {
  return {
    status: publicStatus(item.stage),
    stage: item.stage,
    failure: item.stage === 'failed' ? { code: item.failureCode, reason: item.failureReason } : null,
    createdAt: item.createdAt.toISOString(),
    finishedAt: item.finishedAt?.toISOString() ?? null,
  };
}

export function streamView(
  stream: Stream,
  streamerId: string,
  pull?: { source: StreamSource; frames: { framesSampled: number; lastFrameAt: Date | null } },
) {
  return {
    id: stream.id,
    externalId: stream.externalId,
    streamerId,
    title: stream.title,
    viewerCount: stream.viewerCount,
    status: stream.status,
    createdAt: stream.createdAt.toISOString(),
    updatedAt: stream.updatedAt.toISOString(),
    ...(pull ? { source: sourceView(pull.source, pull.frames) } : {}),
  };
}

/** The id a platform sees for a worker process. */
export const publicWorkerId = (leaseOwner: string): string =>
  `w-${createHash('sha256').update(leaseOwner).digest('hex').slice(0, 12)}`;

function sourceView(source: StreamSource, frames: { framesSampled: number; lastFrameAt: Date | null }) {
  return {
    url: source.url,
    protocol: source.protocol,
    state: source.state,
    framesSampled: frames.framesSampled,
    lastFrameAt: frames.lastFrameAt?.toISOString() ?? null,
    piecesPulled: source.piecesPulled,
    streamTimeMs: source.offsetMs,
    lastPieceAt: source.lastPieceAt?.toISOString() ?? null,
    lastError: source.lastError,
    sampling: source.samplingTier
      ? { tier: source.samplingTier, intervalSeconds: (source.sampleIntervalMs ?? 0) / 1000 }
      : null,
    // Which worker process holds the pull while its lease runs, as an opaque id: the lease owner names a host
    // and a process, which are the operator's business (the worker logs both ids at start).
    worker: source.leaseOwner ? publicWorkerId(source.leaseOwner) : null,
    endedAt: source.endedAt?.toISOString() ?? null,
  };
}

/** A segment's or post's frames with what each model found, one page of them, and the flags they joined. */
export interface FrameResultsView {
  frames: FrameView[];
  summary: { framesSampled: number; framesClassified: number; nearDuplicates: number };
  page: PageView;
  flags: FlagLink[];
}

/**
 * `flags` holds the flags of all the item's frames (`allFrameIds`), so `results.flags` covers frames off the page;
 * each frame shown carries its own.
 */
export function frameResultsView(
  found: { frames: FrameFindings[]; summary: FrameResultsView['summary'] },
  flags: Map<string, FlagLink[]>,
  page: ItemPage,
  allFrameIds: string[],
): FrameResultsView {
  return {
    frames: found.frames.map((f) => frameView(f, flags)),
    summary: found.summary,
    page: pageView(page, found.summary.framesSampled),
    flags: itemFlags(allFrameIds.map((id) => flags.get(id) ?? [])),
  };
}

/** A post's frames as a segment's, and what the text model and the bank found in its text. */
export type PostResultsView = FrameResultsView & { text: LineResultsView };

export function postResultsView(
  frames: FrameResultsView,
  text: LineFindings | undefined,
  textFlags: FlagLink[],
  recomputed?: TextFindings,
): PostResultsView {
  const shown = lineResults(text, textFlags, recomputed);
  return { ...frames, text: shown, flags: itemFlags([shown.flags, frames.flags]) };
}

/** Set once retention deleted an item's media (its files and frame images); its records and results stay. */
function mediaDeletedView(item: { mediaPurgedAt: Date | null }) {
  return item.mediaPurgedAt
    ? { at: item.mediaPurgedAt.toISOString(), by: 'retention' as const, message: 'media deleted by retention' }
    : null;
}

export function segmentView(segment: Segment, results?: FrameResultsView) {
  return {
    id: segment.id,
    kind: 'segment',
    streamId: segment.streamId,
    startOffsetMs: segment.startOffsetMs,
    durationMs: segment.durationMs,
    source:
      segment.source === 'url'
        ? { type: 'url', url: segment.sourceUrl }
        : segment.source === 'pull'
          ? { type: 'pull', url: segment.sourceUrl, sizeBytes: segment.sizeBytes }
          : { type: 'upload', originalName: segment.originalName, sizeBytes: segment.sizeBytes },
    ...lifecycle(segment),
    mediaDeleted: mediaDeletedView(segment),
    ...(results !== undefined ? { results } : {}),
  };
}

export function postView(post: Post, authorId: string, media: PostMedia[], results?: PostResultsView) {
  return {
    id: post.id,
    kind: 'post',
    externalId: post.externalId,
    authorId,
    text: post.text,
    videoUrl: post.videoUrl,
    media: media.map((m) => ({
      position: m.position,
      kind: m.kind,
      originalName: m.originalName,
      sizeBytes: m.sizeBytes,
    })),
    ...lifecycle(post),
    mediaDeleted: mediaDeletedView(post),
    ...(results !== undefined ? { results } : {}),
  };
}

/** Shown beside a batch's results, so recomputed scores are not read as evidence, nor a null score as zero. */
export const LINE_SCORES_NOTE =
  "scores are kept for lines that reach some category's evidence threshold (config/policy.yaml; scoredBy stored), and flags come from those; the page's other lines are scored by the running text model when read (scoredBy recomputed, model.version says which), kept nowhere and behind no flag; past 60,000 characters of such lines in one read the rest show scores null (ask a smaller page)";
/** The same, while the text model is not loaded in this process (the API starting): those lines show null. */
export const LINE_SCORES_PENDING_NOTE =
  "scores are kept for lines that reach some category's evidence threshold (config/policy.yaml; scoredBy stored); the text model that scores the others when read is not loaded yet, so they show scores null: read again shortly";

/** What a classified batch's GET adds: how many of its lines or events scored, the flags they joined, the page. */
export interface BatchResultsView {
  scored: number;
  flags: FlagLink[];
  page: PageView;
  note?: string;
}

export interface BatchResults<F> {
  findings: Map<string, F>;
  flags: Map<string, FlagLink[]>;
  page: ItemPage;
}

/** A text batch's results, with the page's lines scored again when read (by line id; null: model not loaded). */
export type TextBatchResults = BatchResults<LineFindings> & { recomputed: Map<string, TextFindings> | null };

export function textBatchView(batch: TextBatch, lines?: TextLine[], results?: TextBatchResults) {
  const shown = lines && results ? lines.slice(results.page.offset, results.page.offset + results.page.limit) : lines;
  const flagsOf = (id: string) => results?.flags.get(id) ?? [];
  return {
    id: batch.id,
    kind: batch.kind,
    streamId: batch.streamId,
    lineCount: batch.lineCount,
    ...lifecycle(batch),
    ...(shown
      ? {
          lines: shown.map((l) => ({
            id: l.id,
            position: l.position,
            at: l.sentAt.toISOString(),
            senderId: l.senderId,
            text: l.text,
            ...(results ? lineResults(results.findings.get(l.id), flagsOf(l.id), results.recomputed?.get(l.id)) : {}),
          })),
        }
      : {}),
    ...(lines && results
      ? {
          results: {
            scored: lines.filter((l) => results.findings.get(l.id)?.text).length,
            flags: itemFlags(lines.map((l) => flagsOf(l.id))),
            page: pageView(results.page, lines.length),
            note: results.recomputed ? LINE_SCORES_NOTE : LINE_SCORES_PENDING_NOTE,
          } satisfies BatchResultsView,
        }
      : {}),
  };
}

export function tipBatchView(batch: TipBatch, events?: TipEvent[], results?: BatchResults<TipFindings>) {
  const shown =
    events && results ? events.slice(results.page.offset, results.page.offset + results.page.limit) : events;
  const flagsOf = (id: string) => results?.flags.get(id) ?? [];
  return {
    id: batch.id,
    kind: 'tips',
    streamId: batch.streamId,
    eventCount: batch.eventCount,
    ...lifecycle(batch),
    ...(shown
      ? {
          events: shown.map((e) => ({
            id: e.id,
            position: e.position,
            tipperId: e.tipperId,
            ageBand: e.ageBand,
            amount: e.amount,
            currency: e.currency,
            giftName: e.giftName,
            at: e.sentAt.toISOString(),
            ...(results ? tipResults(results.findings.get(e.id), flagsOf(e.id)) : {}),
          })),
        }
      : {}),
    ...(events && results
      ? {
          results: {
            scored: events.filter((e) => results.findings.has(e.id)).length,
            flags: itemFlags(events.map((e) => flagsOf(e.id))),
            page: pageView(results.page, events.length),
          } satisfies BatchResultsView,
        }
      : {}),
  };
}
