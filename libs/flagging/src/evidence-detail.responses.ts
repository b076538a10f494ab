import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FrameBoxResponse, FrameOverlayResponse, QrPayloadResponse, TextRangeResponse } from '@qinglang/ingest';
import { ENTITY_KINDS } from '@qinglang/text-classifier';

// What a piece of evidence's `detail` carries: the signal's detail as its producer wrote it (frame-classifier,
// text-signals, bank-signals, tip-signals) with the signal's `scores`, or a rule flag's facts with its `rule`
// (room floods, ban evasion). Every field any producer writes is named here, each optional since which appear
// depends on the source kind; the schema is closed, so a field that changes type or a new one the document does
// not name fails the contract test.

export class TextSpanPartResponse {
  @ApiProperty({ type: TextRangeResponse }) span: TextRangeResponse;
  @ApiProperty() text: string;
  @ApiProperty() rule: string;
}

/** Why a text category scored: one lexicon term, pattern or combination that fired (text-scorer's TextEvidence). */
export class EvidenceTextSpanResponse {
  @ApiProperty({ example: 'gambling' }) category: string;
  @ApiProperty({ type: TextRangeResponse }) span: TextRangeResponse;
  @ApiProperty({ description: 'The original text under the span' }) text: string;
  @ApiProperty({ example: 'qinglang:gambling:百家乐', description: 'The lexicon term, pattern or combination' })
  rule: string;
  @ApiProperty() weight: number;
  @ApiPropertyOptional({ type: [TextSpanPartResponse], description: "A combination's parts" })
  parts?: TextSpanPartResponse[];
}

export class ContactEntityResponse {
  @ApiProperty({ enum: ENTITY_KINDS }) kind: string;
  @ApiProperty({ example: 'abc123' }) value: string;
  @ApiPropertyOptional({ type: TextRangeResponse, description: 'Where it stands in the text; absent for QR payloads' })
  span?: TextRangeResponse;
}

export class EvidenceBankMatchResponse {
  @ApiProperty({ description: 'The bank entry the contact matched' }) entryId: string;
  @ApiProperty({ example: 'wechat' }) kind: string;
  @ApiProperty() value: string;
  @ApiProperty({ example: 'gambling' }) category: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: TextRangeResponse, nullable: true }) span: TextRangeResponse | null;
}

export class OverlayRegionResponse {
  @ApiProperty({ example: 'banner' }) region: string;
  @ApiProperty() text: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) confidence: number;
  @ApiProperty({ type: FrameBoxResponse }) box: FrameBoxResponse;
}

export class EvidenceTipEventResponse {
  @ApiProperty({ description: "The platform's id of the tipper" }) tipperId: string;
  @ApiProperty({ enum: ['minor', 'adult', 'unknown'] }) ageBand: string;
  @ApiProperty({ example: '52.00', description: 'A decimal string' }) amount: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ type: String, nullable: true }) giftName: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class TipInducementResponse {
  @ApiProperty({ description: 'The signal of the chat or transcript line that induced the tips' }) signalId: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'Epoch milliseconds' }) at: number;
}

export class EvidenceTipRuleResponse {
  @ApiProperty({
    enum: ['minor_tipper', 'tipper_over_cap', 'structuring', 'burst_after_inducement', 'linked_streams'],
  })
  rule: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty() explanation: string;
  @ApiProperty({ type: [String] }) relatedTipIds: string[];
  @ApiProperty({ type: TipInducementResponse, nullable: true }) inducement: TipInducementResponse | null;
}

const SCORES = { type: 'object', additionalProperties: { type: 'number' } } as const;

/** The platform's route to a frame's image (the reviewer's view has its own: ReviewEvidenceDetailResponse). */
export const PLATFORM_FRAME_IMAGE = '^/v1/frames/[^/]+/image$';
export const REVIEW_FRAME_IMAGE = '^/v1/review/frames/[^/]+/image$';

/** The fields both views share; the platform's and the reviewer's differ in where a frame's image is served. */
abstract class EvidenceDetailFields {
  @ApiPropertyOptional({
    ...SCORES,
    example: { porn: 0.91, sexy: 0.05, neutral: 0.04 },
    description: "The signal's scores: per class (frames), per category (text), per rule (tips)",
  })
  scores?: Record<string, number>;
  @ApiPropertyOptional({ description: 'Frames and their on-screen text: the frame' }) frameId?: string;
  @ApiPropertyOptional({ description: 'Frames: milliseconds into the source (a post video or a stream segment)' })
  positionMs?: number;
  @ApiPropertyOptional({ type: FrameOverlayResponse, description: 'Frames: what OCR and the QR search read' })
  overlay?: FrameOverlayResponse;
  @ApiPropertyOptional({ type: [OverlayRegionResponse], description: 'On-screen text: the regions read' })
  regions?: OverlayRegionResponse[];
  @ApiPropertyOptional({ type: [QrPayloadResponse], description: 'On-screen text: the QR codes found' })
  qrCodes?: QrPayloadResponse[];
  @ApiPropertyOptional({ enum: ['chat', 'transcript'], description: 'Text lines: which batch the line came in' })
  kind?: string;
  @ApiPropertyOptional({ description: "Chat lines: the platform's id of the sender" }) senderId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Text lines: when it was said' }) at?: string;
  @ApiPropertyOptional({ description: 'Text lines: when it was said, epoch milliseconds' }) atMs?: number;
  @ApiPropertyOptional({ description: 'Text: the line, post text or on-screen text scored' }) text?: string;
  @ApiPropertyOptional({ type: [EvidenceTextSpanResponse], description: 'Text: why each category scored' })
  spans?: EvidenceTextSpanResponse[];
  @ApiPropertyOptional({ type: [ContactEntityResponse], description: 'Text: contacts and links found in it' })
  entities?: ContactEntityResponse[];
  @ApiPropertyOptional({ type: [EvidenceBankMatchResponse], description: 'Bank matches: the entries matched' })
  bank?: EvidenceBankMatchResponse[];
  @ApiPropertyOptional({ type: EvidenceTipEventResponse, description: 'Tips: the tip' })
  event?: EvidenceTipEventResponse;
  @ApiPropertyOptional({ type: [EvidenceTipRuleResponse], description: 'Tips: the rules it broke' })
  rules?: EvidenceTipRuleResponse[];
  @ApiPropertyOptional({
    example: 'room_flooded',
    description: 'Rule flags and bank matches: the rule (bank:<entry id>,… for bank matches)',
  })
  rule?: string;
  @ApiPropertyOptional({ description: 'Room floods: the cluster of senders' }) clusterId?: string;
  @ApiPropertyOptional({
    enum: ['streamer_took_part', 'left_unchecked'],
    description: 'Room floods: why the room answers for the flood',
  })
  because?: string;
  @ApiPropertyOptional({ description: 'Room floods: how many accounts sent its lines' }) senders?: number;
  @ApiPropertyOptional({ description: 'Ban evasion: the delisted account' }) delistedAccountId?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "Ban evasion: the delisted account's external id" })
  delistedAccountExternalId?: string | null;
  @ApiPropertyOptional({ description: 'Ban evasion: the delisting' }) delistingSanctionId?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "Ban evasion: this account's external id" })
  accountExternalId?: string | null;
}

export class EvidenceDetailResponse extends EvidenceDetailFields {
  @ApiPropertyOptional({
    pattern: PLATFORM_FRAME_IMAGE,
    example: '/v1/frames/0192f0c4-0000-7000-8000-000000000000/image',
    description: "Frames and their on-screen text: the frame's JPEG (GET with the platform's key)",
  })
  imageUrl?: string;
}

/** The same, as a reviewer reads it: a frame's image at the review route, which the staff token may read. */
export class ReviewEvidenceDetailResponse extends EvidenceDetailFields {
  @ApiPropertyOptional({
    pattern: REVIEW_FRAME_IMAGE,
    example: '/v1/review/frames/0192f0c4-0000-7000-8000-000000000000/image',
    description: "Frames and their on-screen text: the frame's JPEG (GET with the staff token)",
  })
  imageUrl?: string;
}
