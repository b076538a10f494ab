import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { InjectRepository } from '@nestjs/typeorm';
import { extname } from 'node:path';
import { Repository } from 'typeorm';
import { newId } from '@qinglang/persistence';
import { MetricsService } from '@qinglang/operations';
import { JobQueue } from '@qinglang/queue';
import { MediaStore } from '@qinglang/storage';
import { Segment } from '../entities/segment.entity';
import { StreamsService } from './streams.service';
import { ItemLifecycle, acceptedLifecycle } from './item-lifecycle';
import { acceptOnce } from './accept-once';
import { SEGMENT_EXTENSIONS, UploadedMedia, checkMediaUrl, checkUpload, discard } from './upload-checks';

export interface SegmentRequest {
  platformId: string;
  streamId: string;
  startOffsetMs: number;
  idempotencyKey?: string;
}

@Injectable()
export class SegmentsService {
  readonly lifecycle: ItemLifecycle<Segment>;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectRepository(Segment) private readonly segments: Repository<Segment>,
    private readonly streams: StreamsService,
    private readonly storage: MediaStore,
    private readonly queue: JobQueue,
    private readonly metrics: MetricsService,
  ) {
    this.lifecycle = new ItemLifecycle(segments, 'segment_not_found', this.clock);
  }

  /** Accepts an uploaded segment: checked, put in the media store, recorded, queued. Returns an existing one on retry. */
  async acceptUpload(request: SegmentRequest, file: UploadedMedia): Promise<{ segment: Segment; created: boolean }> {
    try {
      await this.streams.getForPlatform(request.platformId, request.streamId);
      let mediaPath: string | null = null;
      return await this.accept(request, {
        prepare: async () => {
          checkUpload(file, SEGMENT_EXTENSIONS, await this.storage.headOfLocalFile(file.path));
          const id = newId();
          mediaPath = await this.storage.adopt(
            file.path,
            `media/${request.platformId}/segments/${id}${extname(file.originalname).toLowerCase()}`,
          );
          return {
            id,
            source: 'upload',
            sourceUrl: null,
            originalName: file.originalname.slice(0, 255),
            mediaPath,
            sizeBytes: file.size,
          };
        },
        discard: async () => {
          if (mediaPath) await this.storage.remove(mediaPath);
        },
      });
    } finally {
      await discard([file]);
    }
  }

  /** Accepts a segment by URL; the media worker fetches it with a time limit and the upload size limit. */
  async acceptUrl(request: SegmentRequest, url: string): Promise<{ segment: Segment; created: boolean }> {
    await this.streams.getForPlatform(request.platformId, request.streamId);
    return this.accept(request, {
      prepare: () => {
        checkMediaUrl(url);
        return Promise.resolve({
          id: newId(),
          source: 'url',
          sourceUrl: url,
          originalName: null,
          mediaPath: null,
          sizeBytes: null,
        });
      },
    });
  }

  /**
   * A piece of a stream Qinglang pulled itself, already put in the media store by the puller: recorded and queued
   * like an upload. `pieceKey` identifies the piece in the stream (an HLS media sequence number, or the stream
   * time for cut pieces), so a worker that takes over a stream cannot queue the same piece twice.
   */
  async acceptPulled(
    piece: {
      platformId: string;
      streamId: string;
      pieceKey: string;
      startOffsetMs: number;
      sampleIntervalMs: number;
      /** As the puller measured it (playlist or cut list): lets sampling skip a piece with no frame due. */
      durationMs?: number;
    },
    stored: { mediaPath: string; sizeBytes: number; sourceUrl: string },
  ): Promise<{ segment: Segment; created: boolean }> {
    const request = {
      platformId: piece.platformId,
      streamId: piece.streamId,
      startOffsetMs: piece.startOffsetMs,
      idempotencyKey: `pull:${piece.streamId}:${piece.pieceKey}`,
    };
    const accepted = await this.accept(request, {
      prepare: () =>
        Promise.resolve({
          id: newId(),
          source: 'pull' as const,
          sourceUrl: stored.sourceUrl.slice(0, 2048),
          originalName: null,
          mediaPath: stored.mediaPath,
          sizeBytes: stored.sizeBytes,
          sampleIntervalMs: piece.sampleIntervalMs,
          durationMs: piece.durationMs ?? null,
        }),
      discard: () => this.storage.remove(stored.mediaPath),
    });
    // Taken before (by this worker or the one before it): the copy just fetched is not needed.
    if (!accepted.created && accepted.segment.mediaPath !== stored.mediaPath)
      await this.storage.remove(stored.mediaPath);
    return accepted;
  }

  private async findByIdempotencyKey(request: SegmentRequest): Promise<Segment | null> {
    if (!request.idempotencyKey) return null;
    return this.segments.findOneBy({ platformId: request.platformId, idempotencyKey: request.idempotencyKey });
  }

  private async accept(
    request: SegmentRequest,
    steps: {
      prepare: () => Promise<
        Pick<Segment, 'id' | 'source' | 'sourceUrl' | 'originalName' | 'mediaPath' | 'sizeBytes'> &
          Partial<Pick<Segment, 'sampleIntervalMs' | 'durationMs'>>
      >;
      discard?: () => Promise<void>;
    },
  ): Promise<{ segment: Segment; created: boolean }> {
    const { item: segment, created } = await acceptOnce({
      existing: () => this.findByIdempotencyKey(request),
      insert: async () => {
        const source = await steps.prepare();
        const now = this.clock.now();
        const segment = this.segments.create({
          platformId: request.platformId,
          streamId: request.streamId,
          idempotencyKey: request.idempotencyKey ?? null,
          startOffsetMs: request.startOffsetMs,
          durationMs: null,
          sampleIntervalMs: null,
          ...source,
          ...acceptedLifecycle(now),
        });
        await this.segments.insert(segment);
        return segment;
      },
      discard: steps.discard,
    });
    if (created) {
      this.metrics.itemsIngested.inc({ kind: 'segment' });
      await this.queue.enqueueAccepted('segment.sample', { segmentId: segment.id }, segment.platformId);
    }
    return { segment, created };
  }
}
