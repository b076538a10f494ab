import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { extname } from 'node:path';
import { Repository } from 'typeorm';
import { newId } from '@qinglang/persistence';
import { MetricsService } from '@qinglang/operations';
import { JobQueue } from '@qinglang/queue';
import { FileStorage } from '@qinglang/storage';
import { Segment } from '../entities/segment.entity';
import { StreamsService } from './streams.service';
import { ItemLifecycle, isUniqueViolation } from './item-lifecycle';
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
    @InjectRepository(Segment) private readonly segments: Repository<Segment>,
    private readonly streams: StreamsService,
    private readonly storage: FileStorage,
    private readonly queue: JobQueue,
    private readonly metrics: MetricsService,
  ) {
    this.lifecycle = new ItemLifecycle(segments, 'segment_not_found');
  }

  /** Accepts an uploaded segment: checked, moved under DATA_DIR, recorded, queued. Returns an existing one on retry. */
  async acceptUpload(request: SegmentRequest, file: UploadedMedia): Promise<{ segment: Segment; created: boolean }> {
    try {
      await this.streams.getForPlatform(request.platformId, request.streamId);
      const existing = await this.findByIdempotencyKey(request);
      if (existing) return { segment: existing, created: false };
      checkUpload(file, SEGMENT_EXTENSIONS, await this.storage.headOfAbsolute(file.path));
      const id = newId();
      const mediaPath = await this.storage.adopt(
        file.path,
        `media/${request.platformId}/segments/${id}${extname(file.originalname).toLowerCase()}`,
      );
      return await this.record(request, {
        id,
        source: 'upload',
        sourceUrl: null,
        originalName: file.originalname.slice(0, 255),
        mediaPath,
        sizeBytes: file.size,
      });
    } finally {
      await discard([file]);
    }
  }

  /** Accepts a segment by URL; the media worker fetches it with a time limit and the upload size limit. */
  async acceptUrl(request: SegmentRequest, url: string): Promise<{ segment: Segment; created: boolean }> {
    await this.streams.getForPlatform(request.platformId, request.streamId);
    const existing = await this.findByIdempotencyKey(request);
    if (existing) return { segment: existing, created: false };
    checkMediaUrl(url);
    return this.record(request, {
      id: newId(),
      source: 'url',
      sourceUrl: url,
      originalName: null,
      mediaPath: null,
      sizeBytes: null,
    });
  }

  private async findByIdempotencyKey(request: SegmentRequest): Promise<Segment | null> {
    if (!request.idempotencyKey) return null;
    return this.segments.findOneBy({ platformId: request.platformId, idempotencyKey: request.idempotencyKey });
  }

  private async record(
    request: SegmentRequest,
    source: Pick<Segment, 'id' | 'source' | 'sourceUrl' | 'originalName' | 'mediaPath' | 'sizeBytes'>,
  ) {
    const now = new Date();
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
    try {
      await this.segments.insert(segment);
    } catch (error) {
      if (source.mediaPath) await this.storage.remove(source.mediaPath);
      const existing = isUniqueViolation(error) ? await this.findByIdempotencyKey(request) : null;
      if (existing) return { segment: existing, created: false };
      throw error;
    }
    this.metrics.itemsIngested.inc({ kind: 'segment' });
    await this.queue.enqueueAccepted('segment.sample', { segmentId: segment.id });
    return { segment, created: true };
  }
}
