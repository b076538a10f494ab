import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { InjectRepository } from '@nestjs/typeorm';
import { extname } from 'node:path';
import { Repository } from 'typeorm';
import { newId } from '@qinglang/persistence';
import { MetricsService } from '@qinglang/operations';
import { JobQueue } from '@qinglang/queue';
import { FileStorage } from '@qinglang/storage';
import { Segment } from '../entities/segment.entity';
import { StreamsService } from './streams.service';
import { ItemLifecycle } from './item-lifecycle';
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
    private readonly storage: FileStorage,
    private readonly queue: JobQueue,
    private readonly metrics: MetricsService,
  ) {
    this.lifecycle = new ItemLifecycle(segments, 'segment_not_found', this.clock);
  }

  /** Accepts an uploaded segment: checked, moved under DATA_DIR, recorded, queued. Returns an existing one on retry. */
  async acceptUpload(request: SegmentRequest, file: UploadedMedia): Promise<{ segment: Segment; created: boolean }> {
    try {
      await this.streams.getForPlatform(request.platformId, request.streamId);
      let mediaPath: string | null = null;
      return await this.accept(request, {
        prepare: async () => {
          checkUpload(file, SEGMENT_EXTENSIONS, await this.storage.headOfAbsolute(file.path));
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

  private async findByIdempotencyKey(request: SegmentRequest): Promise<Segment | null> {
    if (!request.idempotencyKey) return null;
    return this.segments.findOneBy({ platformId: request.platformId, idempotencyKey: request.idempotencyKey });
  }

  private async accept(
    request: SegmentRequest,
    steps: {
      prepare: () => Promise<Pick<Segment, 'id' | 'source' | 'sourceUrl' | 'originalName' | 'mediaPath' | 'sizeBytes'>>;
      discard?: () => Promise<void>;
    },
  ): Promise<{ segment: Segment; created: boolean }> {
    const { item: segment, created } = await acceptOnce({
      existing: () => this.findByIdempotencyKey(request),
      insert: async () => {
        const source = await steps.prepare();
        const now = this.clock.now();
        const segment = this.segments.create({
          ...source,
          platformId: request.platformId,
          streamId: request.streamId,
          idempotencyKey: request.idempotencyKey ?? null,
          startOffsetMs: request.startOffsetMs,
          durationMs: null,
          stage: 'queued',
          failureCode: null,
          failureReason: null,
          createdAt: now,
          updatedAt: now,
          finishedAt: null,
        });
        await this.segments.insert(segment);
        return segment;
      },
      discard: steps.discard,
    });
    if (created) {
      this.metrics.itemsIngested.inc({ kind: 'segment' });
      await this.queue.enqueueAccepted('segment.sample', { segmentId: segment.id });
    }
    return { segment, created };
  }
}
