import { join } from 'node:path';
import { newId } from '@qinglang/persistence';
import { Frame, FrameSourceKind } from './frame.entity';
import type { SampledFrame } from './frame-sampler';

export interface FrameSource {
  platformId: string;
  sourceKind: FrameSourceKind;
  sourceId: string;
  /** The stream and where the source starts in it; null for a post. */
  stream: { id: string; startOffsetMs: number } | null;
  /** Folder of the source's evidence JPEGs, relative to DATA_DIR. */
  directory: string;
  /** When the source was sampled (from the injected clock). */
  sampledAt: Date;
}

/** A pending frame row for a sampled picture: the evidence path, its time in the stream, its hash. */
export function frameFromSample(source: FrameSource, sampled: SampledFrame, positionMs = sampled.positionMs): Frame {
  return Object.assign(new Frame(), {
    id: newId(),
    platformId: source.platformId,
    sourceKind: source.sourceKind,
    sourceId: source.sourceId,
    streamId: source.stream?.id ?? null,
    positionMs,
    streamTimeMs: source.stream ? source.stream.startOffsetMs + positionMs : null,
    imagePath: join(source.directory, sampled.fileName),
    width: sampled.width,
    height: sampled.height,
    perceptualHash: sampled.perceptualHash,
    status: 'pending',
    duplicateOfId: null,
    duplicateDistance: null,
    createdAt: source.sampledAt,
    purgedAt: null,
  } satisfies Frame);
}
