import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SOURCE_PROTOCOLS } from './entities/stream-source.entity';

// The shapes of views.ts and item-result-views.ts for the OpenAPI document; the e2e suites check each response
// against them, so a view that changes without its class here fails there.

const STAGES = ['queued', 'sampling', 'sampled', 'classifying', 'flagging', 'classified', 'failed'];
const SCORES = {
  type: 'object',
  additionalProperties: { type: 'number' },
  nullable: true,
  example: { gambling: 0.93, porn: 0.01, tipping: 0 },
} as const;

export class ItemFailureResponse {
  @ApiProperty({ type: String, nullable: true, example: 'media_unreadable' }) code: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

/** What every item (segment, post, batch) says of where it stands. */
export class ItemLifecycleResponse {
  @ApiProperty({ enum: ['queued', 'processing', 'classified', 'failed'] }) status: string;
  @ApiProperty({ enum: STAGES, description: 'The finer step behind `status`' }) stage: string;
  @ApiProperty({ type: ItemFailureResponse, nullable: true, description: 'Only when failed' })
  failure: ItemFailureResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class ModelRefItemResponse {
  @ApiProperty() name: string;
  @ApiProperty() version: string;
}

export class FlagLinkResponse {
  @ApiProperty() id: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty() reviewState: string;
  @ApiProperty({ example: '/v1/flags/0b6f…', description: 'Where to read the flag' }) url: string;
}

export class FrameBoxResponse {
  @ApiProperty() x: number;
  @ApiProperty() y: number;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}

export class OcrLineResponse {
  @ApiProperty({ example: 'banner', description: 'The part of the frame it was read in' }) region: string;
  @ApiProperty() text: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) confidence: number;
  @ApiProperty({ type: FrameBoxResponse, description: 'Pixels of the frame' }) box: FrameBoxResponse;
}

export class QrPayloadResponse {
  @ApiProperty() data: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) host: string | null;
  @ApiProperty({ type: FrameBoxResponse }) box: FrameBoxResponse;
}

/** A half-open range [start, end) of UTF-16 offsets into the original text. */
export class TextRangeResponse {
  @ApiProperty({ example: 3, description: 'UTF-16 offset of the first unit' }) start: number;
  @ApiProperty({ example: 7, description: 'UTF-16 offset after the last unit' }) end: number;
}

export class TextSpanResponse {
  @ApiProperty() category: string;
  @ApiProperty({ type: TextRangeResponse }) span: TextRangeResponse;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'The lexicon term, pattern or combination' }) rule: string;
  @ApiProperty() weight: number;
}

export class TextFindingsResponse {
  @ApiProperty({ type: ModelRefItemResponse }) model: ModelRefItemResponse;
  @ApiProperty({ ...SCORES, nullable: false }) scores: Record<string, number>;
  @ApiProperty({ type: [TextSpanResponse] }) spans: TextSpanResponse[];
}

export class BankMatchResponse {
  @ApiProperty() entryId: string;
  @ApiProperty({ example: 'qq_group' }) kind: string;
  @ApiProperty() value: string;
  @ApiProperty() category: string;
}

export class TipRuleResponse {
  @ApiProperty({ example: 'minor_tipping' }) rule: string;
  @ApiProperty() score: number;
  @ApiProperty() explanation: string;
  @ApiProperty({ type: [String] }) relatedTipIds: string[];
}

export class OverlayReadResponse {
  @ApiProperty() text: boolean;
  @ApiProperty() qr: boolean;
}

export class FrameOverlayResponse {
  @ApiProperty({ type: OverlayReadResponse, description: 'Which readers ran on this frame' }) read: OverlayReadResponse;
  @ApiProperty({ type: [OcrLineResponse] }) lines: OcrLineResponse[];
  @ApiProperty({ type: [QrPayloadResponse] }) qrCodes: QrPayloadResponse[];
}

export class FrameResultResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'segment' }) source: string;
  @ApiProperty() positionMs: number;
  @ApiProperty({ type: Number, nullable: true }) streamTimeMs: number | null;
  @ApiProperty({ example: 'classified' }) status: string;
  @ApiProperty({ type: String, nullable: true, description: 'The frame this one nearly repeats' })
  duplicateOf: string | null;
  @ApiProperty({ type: Number, nullable: true }) duplicateDistance: number | null;
  @ApiProperty() perceptualHash: string;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
  @ApiProperty({ example: '/v1/frames/…/image' }) imageUrl: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      "When retention deleted the evidence JPEG (the image route then answers 410 media_deleted_by_retention); the frame's record and scores stay",
  })
  imageDeletedAt: string | null;
  @ApiProperty({ ...SCORES, description: "The porn model's score per class (drawing, hentai, neutral, porn, sexy)" })
  scores: Record<string, number> | null;
  @ApiProperty({ type: String, nullable: true }) topLabel: string | null;
  @ApiProperty({ type: ModelRefItemResponse, nullable: true }) model: ModelRefItemResponse | null;
  @ApiProperty({
    type: FrameOverlayResponse,
    nullable: true,
    description: 'On-screen text and QR codes, when this frame was read for them; null when it was not',
  })
  overlay: FrameOverlayResponse | null;
  @ApiProperty({ type: TextFindingsResponse, nullable: true, description: 'The text model over the on-screen text' })
  text: TextFindingsResponse | null;
  @ApiProperty({ type: [BankMatchResponse] }) bank: BankMatchResponse[];
  @ApiProperty({ type: [FlagLinkResponse] }) flags: FlagLinkResponse[];
}

export class ItemPageResponse {
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
  @ApiProperty() total: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null on the last page' }) nextOffset: number | null;
}

export class FrameSummaryResponse {
  @ApiProperty() framesSampled: number;
  @ApiProperty() framesClassified: number;
  @ApiProperty() nearDuplicates: number;
}

export class FrameResultsResponse {
  @ApiProperty({ type: [FrameResultResponse] }) frames: FrameResultResponse[];
  @ApiProperty({ type: FrameSummaryResponse }) summary: FrameSummaryResponse;
  @ApiProperty({ type: ItemPageResponse }) page: ItemPageResponse;
  @ApiProperty({
    type: [FlagLinkResponse],
    description: "Every flag the item joined, once: over all its frames, not only the page's",
  })
  flags: FlagLinkResponse[];
}

const SCORED_BY = {
  enum: ['stored', 'recomputed'],
  nullable: true,
  description:
    "stored: kept with the signal flags are built from (the text reached some category's evidence threshold); recomputed: scored by the running text model when read (it reached none: kept nowhere, behind no flag); null: no scores (the model not loaded yet, no text, or the line past the 60,000 characters one read scores again: ask a smaller page)",
};

export class LineResultsResponse {
  @ApiProperty({ ...SCORES, description: "The text model's scores per category; null only with scoredBy null" })
  scores: Record<string, number> | null;
  @ApiProperty({ type: [TextSpanResponse] }) spans: TextSpanResponse[];
  @ApiProperty({ type: ModelRefItemResponse, nullable: true }) model: ModelRefItemResponse | null;
  @ApiProperty({ ...SCORED_BY, type: String }) scoredBy: 'stored' | 'recomputed' | null;
  @ApiProperty({ type: [BankMatchResponse] }) bank: BankMatchResponse[];
  @ApiProperty({ type: [FlagLinkResponse] }) flags: FlagLinkResponse[];
}

export class PostResultsResponse extends FrameResultsResponse {
  @ApiProperty({ type: LineResultsResponse, description: "What the text model and the bank found in the post's text" })
  text: LineResultsResponse;
}

export class SegmentSourceResponse {
  @ApiProperty({ enum: ['upload', 'url', 'pull'] }) type: string;
  @ApiPropertyOptional({ type: String, nullable: true }) url?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) originalName?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) sizeBytes?: number | null;
}

export class MediaDeletedResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['retention'] }) by: string;
  @ApiProperty({ example: 'media deleted by retention' }) message: string;
}

const MEDIA_DELETED = {
  type: MediaDeletedResponse,
  nullable: true,
  description:
    "Set once retention deleted the item's media (files and frame images, see config/policy.yaml retention); its records and results stay",
};

export class SegmentResponse extends ItemLifecycleResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['segment'] }) kind: string;
  @ApiProperty() streamId: string;
  @ApiProperty() startOffsetMs: number;
  @ApiProperty({ type: Number, nullable: true }) durationMs: number | null;
  @ApiProperty({ type: SegmentSourceResponse }) source: SegmentSourceResponse;
  @ApiProperty(MEDIA_DELETED) mediaDeleted: MediaDeletedResponse | null;
  @ApiPropertyOptional({ type: FrameResultsResponse, description: 'On GET: the frames and what was found' })
  results?: FrameResultsResponse;
}

export class PostMediaResponse {
  @ApiProperty() position: number;
  @ApiProperty({ example: 'image' }) kind: string;
  @ApiProperty({ type: String, nullable: true }) originalName: string | null;
  @ApiProperty() sizeBytes: number;
}

export class PostResponse extends ItemLifecycleResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['post'] }) kind: string;
  @ApiProperty({ description: "The platform's id of the post" }) externalId: string;
  @ApiProperty({ description: "The platform's id of the author" }) authorId: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true }) videoUrl: string | null;
  @ApiProperty({ type: [PostMediaResponse] }) media: PostMediaResponse[];
  @ApiProperty(MEDIA_DELETED) mediaDeleted: MediaDeletedResponse | null;
  @ApiPropertyOptional({ type: PostResultsResponse, description: 'On GET: the frames, the text and what was found' })
  results?: PostResultsResponse;
}

export class BatchResultsResponse {
  @ApiProperty({ description: 'Lines or events whose scores are stored (they reached an evidence threshold)' })
  scored: number;
  @ApiProperty({ type: [FlagLinkResponse] }) flags: FlagLinkResponse[];
  @ApiProperty({ type: ItemPageResponse }) page: ItemPageResponse;
  @ApiPropertyOptional() note?: string;
}

export class TextLineResponse {
  @ApiProperty() id: string;
  @ApiProperty() position: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true }) senderId: string | null;
  @ApiProperty() text: string;
  @ApiPropertyOptional({ ...SCORES, description: 'Once classified' }) scores?: Record<string, number> | null;
  @ApiPropertyOptional({ type: [TextSpanResponse] }) spans?: TextSpanResponse[];
  @ApiPropertyOptional({ type: ModelRefItemResponse, nullable: true }) model?: ModelRefItemResponse | null;
  @ApiPropertyOptional({ ...SCORED_BY, type: String, description: `Once classified. ${SCORED_BY.description}` })
  scoredBy?: 'stored' | 'recomputed' | null;
  @ApiPropertyOptional({ type: [BankMatchResponse] }) bank?: BankMatchResponse[];
  @ApiPropertyOptional({ type: [FlagLinkResponse] }) flags?: FlagLinkResponse[];
}

export class TextBatchResponse extends ItemLifecycleResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['chat', 'transcript'] }) kind: string;
  @ApiProperty() streamId: string;
  @ApiProperty() lineCount: number;
  @ApiPropertyOptional({ type: [TextLineResponse], description: 'On GET: a page of the lines' })
  lines?: TextLineResponse[];
  @ApiPropertyOptional({ type: BatchResultsResponse, description: 'Once classified' }) results?: BatchResultsResponse;
}

export class TipEventResponse {
  @ApiProperty() id: string;
  @ApiProperty() position: number;
  @ApiProperty() tipperId: string;
  @ApiProperty({ enum: ['minor', 'adult', 'unknown'] }) ageBand: string;
  @ApiProperty({ example: '88.00' }) amount: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ type: String, nullable: true }) giftName: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Once classified' }) score?: number | null;
  @ApiPropertyOptional({ type: [TipRuleResponse] }) rules?: TipRuleResponse[];
  @ApiPropertyOptional({ type: ModelRefItemResponse, nullable: true }) model?: ModelRefItemResponse | null;
  @ApiPropertyOptional({ type: [FlagLinkResponse] }) flags?: FlagLinkResponse[];
}

export class TipBatchResponse extends ItemLifecycleResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['tips'] }) kind: string;
  @ApiProperty() streamId: string;
  @ApiProperty() eventCount: number;
  @ApiPropertyOptional({ type: [TipEventResponse], description: 'On GET: a page of the events' })
  events?: TipEventResponse[];
  @ApiPropertyOptional({ type: BatchResultsResponse, description: 'Once classified' }) results?: BatchResultsResponse;
}

export class SamplingResponse {
  @ApiProperty({ enum: ['open_flag', 'strikes', 'large_audience', 'default'] }) tier: string;
  @ApiProperty() intervalSeconds: number;
}

export class StreamSourceResponse {
  @ApiProperty() url: string;
  @ApiProperty({ enum: SOURCE_PROTOCOLS }) protocol: string;
  @ApiProperty({ enum: ['pending', 'pulling', 'reconnecting', 'ended', 'failed'] }) state: string;
  @ApiProperty() framesSampled: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastFrameAt: string | null;
  @ApiProperty() piecesPulled: number;
  @ApiProperty({ description: 'How far into the stream the pull has come' }) streamTimeMs: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastPieceAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: SamplingResponse, nullable: true }) sampling: SamplingResponse | null;
  @ApiProperty({ type: String, nullable: true, description: 'The worker holding the pull (opaque)' })
  worker: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
}

export class StreamResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: "The platform's id of the stream" }) externalId: string;
  @ApiProperty({ description: "The platform's id of the streamer" }) streamerId: string;
  @ApiProperty() title: string;
  @ApiProperty() viewerCount: number;
  @ApiProperty({ enum: ['live', 'ended'] }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ type: StreamSourceResponse, description: 'When Qinglang pulls the stream' })
  source?: StreamSourceResponse;
}
