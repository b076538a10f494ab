import { Injectable } from '@nestjs/common';
import { ItemResultsReader } from '@qinglang/ingest';
import { Frame, FramesService } from '@qinglang/media';
import { SignalsService } from './signals.service';

/** Frames of a segment or post with what the model said of each: the results a platform polls for. */
@Injectable()
export class ItemResultsService implements ItemResultsReader {
  constructor(
    private readonly frames: FramesService,
    private readonly signals: SignalsService,
  ) {}

  streamFrames(streamId: string) {
    return this.frames.statsOfStream(streamId);
  }

  async forSource(_platformId: string, sourceKind: 'segment' | 'post', sourceId: string) {
    const frames: Frame[] =
      sourceKind === 'segment'
        ? await this.frames.forSource('segment', sourceId)
        : [
            ...(await this.frames.forSource('post_image', sourceId)),
            ...(await this.frames.forSource('post_video', sourceId)),
          ];
    const signals = await this.signals.forSources(
      'frame',
      frames.map((f) => f.id),
    );
    const byFrame = new Map(signals.map((s) => [s.sourceId, s]));
    return {
      frames: frames.map((f) => {
        const signal = byFrame.get(f.id);
        return {
          id: f.id,
          source: f.sourceKind,
          positionMs: f.positionMs,
          streamTimeMs: f.streamTimeMs,
          status: f.status,
          duplicateOf: f.duplicateOfId,
          duplicateDistance: f.duplicateDistance,
          perceptualHash: f.perceptualHash,
          width: f.width,
          height: f.height,
          imageUrl: `/v1/frames/${f.id}/image`,
          scores: signal?.scores ?? null,
          topLabel: signal?.topLabel ?? null,
          model: signal ? { name: signal.model, version: signal.modelVersion } : null,
        };
      }),
      summary: {
        framesSampled: frames.length,
        framesClassified: frames.filter((f) => f.status === 'classified').length,
        nearDuplicates: frames.filter((f) => f.status === 'near_duplicate').length,
      },
    };
  }
}
