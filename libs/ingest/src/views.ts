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

export function segmentView(segment: Segment, results?: unknown) {
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
    ...(results !== undefined ? { results } : {}),
  };
}

export function postView(post: Post, authorId: string, media: PostMedia[], results?: unknown) {
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
    ...(results !== undefined ? { results } : {}),
  };
}

export function textBatchView(batch: TextBatch, lines?: TextLine[]) {
  return {
    id: batch.id,
    kind: batch.kind,
    streamId: batch.streamId,
    lineCount: batch.lineCount,
    ...lifecycle(batch),
    ...(lines
      ? {
          lines: lines.map((l) => ({
            position: l.position,
            at: l.sentAt.toISOString(),
            senderId: l.senderId,
            text: l.text,
          })),
        }
      : {}),
  };
}

export function tipBatchView(batch: TipBatch, events?: TipEvent[]) {
  return {
    id: batch.id,
    kind: 'tips',
    streamId: batch.streamId,
    eventCount: batch.eventCount,
    ...lifecycle(batch),
    ...(events
      ? {
          events: events.map((e) => ({
            position: e.position,
            tipperId: e.tipperId,
            ageBand: e.ageBand,
            amount: e.amount,
            currency: e.currency,
            giftName: e.giftName,
            at: e.sentAt.toISOString(),
          })),
        }
      : {}),
  };
}
