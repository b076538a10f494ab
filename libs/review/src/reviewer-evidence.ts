import { evidenceView } from '@qinglang/flagging';
import type { FlagEvidence } from '@qinglang/flagging';

/** Where a reviewer's token reads a frame's JPEG (the platform route, /v1/frames/:id/image, refuses staff tokens). */
export const reviewerFrameUrl = (frameId: string): string => `/v1/review/frames/${frameId}/image`;

/**
 * A piece of evidence as a reviewer reads it: a frame's (or its on-screen text's) image at the review route, both
 * beside the evidence and in its detail, where the classifier recorded the platform's route; with when retention
 * deleted that image, if it did (the route then answers 410).
 */
export function reviewerEvidenceView(e: FlagEvidence, imageDeletedAt: Date | null = null) {
  const view = evidenceView(e);
  if (e.sourceKind !== 'frame' && e.sourceKind !== 'frame_text') return view;
  const imageUrl = reviewerFrameUrl(e.sourceId);
  return {
    ...view,
    imageUrl,
    imageDeletedAt: imageDeletedAt?.toISOString() ?? null,
    detail: { ...view.detail, imageUrl },
  };
}
