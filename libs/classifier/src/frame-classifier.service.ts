import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { Frame, FramesService, hammingDistance, rawFramePath } from '@qinglang/media';
import { FrameTextService } from './frame-text.service';
import { MetricsService } from '@qinglang/operations';
import { JsonObject, newId } from '@qinglang/persistence';
import { MediaStore } from '@qinglang/storage';
import { ModelRegistry } from './model-registry.service';
import { NsfwClassifier, NsfwScores, topLabel } from './nsfw-model';
import { FrameAnalysisService } from './frame-analysis.service';
import type { FrameTextResult } from './frame-text';
import { Signal } from './signal.entity';
import { SignalsService } from './signals.service';
import { TextSignals } from './text-signals.service';
import { BankSignals } from './bank-signals.service';
import { OverlaySlots } from './frame-text/overlay-slots';

/** NSFWJS's classes mapped onto the porn category: explicit photos and explicit drawings; "sexy" is not porn. */
export function pornCategoryScore(scores: NsfwScores): Record<string, number> {
  return { porn: Number(Math.min(1, scores.porn + scores.hentai).toFixed(6)) };
}

/** A frame's overlay as read, as kept in its porn signal's detail: each OCR line with its band and box, each QR code. */
export function overlayDetail(read: FrameTextResult, planned: { ocr: boolean; qr: boolean }): JsonObject {
  return {
    read: { text: planned.ocr && read.ocr, qr: planned.qr },
    lines: read.regions.flatMap((r) =>
      r.lines.map((l) => ({ region: r.region, text: l.text, confidence: l.confidence, box: { ...l.box } })),
    ),
    qrCodes: read.qrCodes.map((q) => ({ data: q.data, url: q.url ?? null, host: q.host ?? null, box: { ...q.box } })),
  };
}

export interface FrameClassification {
  classified: number;
  nearDuplicates: number;
}

/**
 * Scores a source's pending frames with the porn model, in batches. For a stream, a frame whose perceptual hash
 * is within NEAR_DUPLICATE_DISTANCE bits of the stream's last classified frame is recorded as a near-duplicate
 * instead, unless that frame is MAX_UNCLASSIFIED_GAP_SECONDS or more in the past.
 */
@Injectable()
export class FrameClassifier {
  /** Which frames of each stream get their overlays read (see planOverlayReading). */
  private slots?: { seconds: { ocr: number; qr: number }; ocr: OverlaySlots; qr: OverlaySlots };

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly frames: FramesService,
    private readonly signals: SignalsService,
    private readonly models: ModelRegistry,
    private readonly storage: MediaStore,
    private readonly metrics: MetricsService,
    private readonly frameText: FrameTextService,
    private readonly text: TextSignals,
    private readonly analysis: FrameAnalysisService,
    private readonly bankSignals: BankSignals,
  ) {}

  async classifyPending(
    frames: Frame[],
    subject: { kind: 'stream' | 'post'; id: string },
  ): Promise<FrameClassification> {
    const pending = frames.filter((f) => f.status === 'pending');
    if (!pending.length) return { classified: 0, nearDuplicates: 0 };
    const { toClassify, duplicates } =
      subject.kind === 'stream'
        ? await this.splitNearDuplicates(subject.id, pending)
        : { toClassify: pending, duplicates: [] };
    const model = await this.models.nsfw();
    const batchSize = this.config.ml.batchSize;
    const overlayPlan = this.planOverlayReading(toClassify);
    const inThreads = await this.analysis.ready();
    for (let i = 0; i < toClassify.length; i += batchSize) {
      const batch = toClassify.slice(i, i + batchSize);
      const stop = this.metrics.classificationSeconds.startTimer({ model: model.name });
      const { scores, reads } = inThreads
        ? await this.analyseInThreads(batch, overlayPlan, subject)
        : await this.analyseHere(batch, overlayPlan, model);
      stop();
      const overlays = this.overlayItems(batch, reads, subject);
      // On-screen text and QR payloads carrying a banked contact are evidence as they are in chat.
      const textSignals = [...this.text.toSignals(overlays), ...(await this.bankSignals.forItems(overlays))];
      const now = this.clock.now();
      const rows = batch.map((frame, j) =>
        Object.assign(new Signal(), {
          id: newId(),
          platformId: frame.platformId,
          sourceKind: 'frame' as const,
          sourceId: frame.id,
          model: model.name,
          modelVersion: model.version,
          scores: scores[j],
          topLabel: topLabel(scores[j]),
          subjectKind: subject.kind,
          subjectId: subject.id,
          categories: pornCategoryScore(scores[j]),
          detail: {
            frameId: frame.id,
            positionMs: frame.positionMs,
            imageUrl: `/v1/frames/${frame.id}/image`,
            // What OCR and the QR search read, whether or not it is evidence: the frame's GET shows it.
            ...(reads[j] ? { overlay: overlayDetail(reads[j], overlayPlan.get(frame.id)!) } : {}),
          },
          streamTimeMs: frame.streamTimeMs,
          createdAt: now,
        } satisfies Signal),
      );
      await this.frames.markClassifiedWith(
        batch.map((f) => f.id),
        (manager) => this.signals.record(manager, [...rows, ...textSignals]),
      );
      this.metrics.frames.inc({ outcome: 'classified' }, batch.length);
      await this.dropRawPixels(batch);
    }
    await this.frames.markNearDuplicates(duplicates);
    const setAside = new Set(duplicates.map((d) => d.id));
    await this.dropRawPixels(pending.filter((frame) => setAside.has(frame.id)));
    this.metrics.frames.inc({ outcome: 'near_duplicate' }, duplicates.length);
    return { classified: toClassify.length, nearDuplicates: duplicates.length };
  }

  /**
   * Which frames get their overlays read. OCR and the QR search cost more than the model, and overlays stay on
   * screen for a long time, so a stream gets one OCR per OCR_INTERVAL_SECONDS and one QR search per
   * QR_INTERVAL_SECONDS of its time: the first classified frame of each such slot, remembered across calls (a
   * pulled stream comes one piece at a time; see OverlaySlots). A post's images are all read: they are few, and
   * text on them is common.
   */
  private planOverlayReading(frames: Frame[]): Map<string, { ocr: boolean; qr: boolean }> {
    const { ocrSeconds, qrSeconds } = this.frameText.intervals;
    if (this.slots?.seconds.ocr !== ocrSeconds || this.slots.seconds.qr !== qrSeconds)
      this.slots = {
        seconds: { ocr: ocrSeconds, qr: qrSeconds },
        ocr: new OverlaySlots(ocrSeconds),
        qr: new OverlaySlots(qrSeconds),
      };
    const { ocr, qr } = this.slots;
    const plan = new Map<string, { ocr: boolean; qr: boolean }>();
    for (const frame of frames) {
      if (frame.sourceKind === 'post_image') {
        plan.set(frame.id, { ocr: ocrSeconds > 0, qr: qrSeconds > 0 });
        continue;
      }
      const key = frame.streamId ?? frame.sourceId;
      const time = frame.streamTimeMs ?? frame.positionMs;
      plan.set(frame.id, { ocr: ocr.claim(key, frame.id, time), qr: qr.claim(key, frame.id, time) });
    }
    return plan;
  }

  /**
   * The porn model, OCR and QR on the pool's threads: one task per batch, the file read and decoded there once.
   * The JPEGs are local files for the threads: the stored ones (DATA_DIR), or copies in a scratch folder for the
   * batch (object storage). The raw pixels the sampler wrote beside them are only there with DATA_DIR: with object
   * storage this job may run on another machine than the sample job, so the threads decode the stored JPEG (see
   * FfmpegService); one decode a frame costs less than moving 2 MB of pixels through the bucket.
   */
  private analyseInThreads(
    batch: Frame[],
    plan: Map<string, { ocr: boolean; qr: boolean }>,
    subject: { kind: 'stream' | 'post'; id: string },
  ): Promise<{ scores: NsfwScores[]; reads: Array<FrameTextResult | null> }> {
    return this.storage.withScratch(async (scratch) => {
      const paths = await Promise.all(batch.map((frame) => this.storage.localFile(frame.imagePath, scratch)));
      const reply = await this.analysis.analyse({
        streamKey: subject.kind === 'stream' ? subject.id : undefined,
        frames: batch.map((frame, j) => ({
          path: paths[j],
          raw: this.storage.sharesLocalFiles
            ? { path: rawFramePath(paths[j]), width: frame.width, height: frame.height }
            : undefined,
          ...plan.get(frame.id)!,
        })),
      });
      return { scores: reply.scores, reads: reply.texts };
    });
  }

  /** The same on this thread: TF.js (pinned or the fallback), or CLASSIFY_WORKERS=0. */
  private async analyseHere(
    batch: Frame[],
    plan: Map<string, { ocr: boolean; qr: boolean }>,
    model: NsfwClassifier,
  ): Promise<{ scores: NsfwScores[]; reads: Array<FrameTextResult | null> }> {
    const jpegs = await this.storage.withScratch((scratch) =>
      Promise.all(batch.map(async (f) => readFile(await this.storage.localFile(f.imagePath, scratch)))),
    );
    const reads: Array<FrameTextResult | null> = [];
    for (const [j, frame] of batch.entries()) {
      const what = plan.get(frame.id)!;
      reads.push(what.ocr || what.qr ? await this.frameText.read(jpegs[j], what) : null);
    }
    const scores = await model.classify(jpegs.map((jpeg) => model.decode(jpeg)));
    return { scores, reads };
  }

  /**
   * The raw pixels the sampler wrote beside each JPEG are only for scoring: gone once the frame is scored or set
   * aside as a near-duplicate (the JPEG stays, as evidence). A failed job's retry decodes the JPEG instead.
   */
  private async dropRawPixels(frames: Frame[]): Promise<void> {
    if (!this.storage.sharesLocalFiles) return;
    await Promise.all(frames.map((frame) => this.storage.remove(rawFramePath(frame.imagePath))));
  }

  /** What the overlays of the planned frames say goes through the text classifier like chat, tied to the frame. */
  private overlayItems(
    batch: Frame[],
    reads: Array<FrameTextResult | null>,
    subject: { kind: 'stream' | 'post'; id: string },
  ) {
    const items = [];
    for (const [j, frame] of batch.entries()) {
      const read = reads[j];
      if (!read) continue;
      const lines = [...read.regions.map((r) => r.text), ...read.qrCodes.map((q) => q.url ?? q.data)];
      if (!lines.length) continue;
      items.push({
        sourceKind: 'frame_text' as const,
        sourceId: frame.id,
        platformId: frame.platformId,
        text: lines.join('\n'),
        subject,
        streamTimeMs: frame.streamTimeMs,
        context: {
          frameId: frame.id,
          positionMs: frame.positionMs,
          imageUrl: `/v1/frames/${frame.id}/image`,
          regions: read.regions.map((r) => ({ region: r.region, text: r.text, confidence: r.confidence, box: r.box })),
          qrCodes: read.qrCodes.map((q) => ({ data: q.data, url: q.url ?? null, host: q.host ?? null, box: q.box })),
        },
      });
    }
    return items;
  }

  private async splitNearDuplicates(streamId: string, pending: Frame[]) {
    const threshold = this.config.media.nearDuplicateDistance;
    const maxGapMs = this.config.media.maxUnclassifiedGapSeconds * 1000;
    let last = await this.frames.lastClassifiedBefore(streamId, pending[0].streamTimeMs ?? 0);
    const toClassify: Frame[] = [];
    const duplicates: Array<{ id: string; duplicateOfId: string; distance: number }> = [];
    for (const frame of pending) {
      if (last) {
        const distance = hammingDistance(last.perceptualHash, frame.perceptualHash);
        const gap = (frame.streamTimeMs ?? 0) - (last.streamTimeMs ?? 0);
        if (distance <= threshold && gap < maxGapMs) {
          duplicates.push({ id: frame.id, duplicateOfId: last.id, distance });
          continue;
        }
      }
      toClassify.push(frame);
      last = frame;
    }
    return { toClassify, duplicates };
  }
}
