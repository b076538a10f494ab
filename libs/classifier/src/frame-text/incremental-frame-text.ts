import { CoarseFrame, changedArea, coarseFrame, growOver } from './changed-area';
import type { RgbaImage } from './frame-image';
import type { FrameTextReader, FrameTextResult } from './frame-text-reader';
import type { DecodedQrCode } from './qr-decoder';
import type { OcrLine } from './tesseract-ocr';

/** How much of a read was new work: none of the frame (`all` reused), part of it, or the whole frame. */
export type Reuse = 'all' | 'partial' | 'none';

export interface IncrementalResult extends FrameTextResult {
  reuse: { ocr?: Reuse; qr?: Reuse };
}

interface Last<T> {
  coarse: CoarseFrame;
  found: T[];
  /** OCR: the lines as the reader grouped them. */
  regions?: FrameTextResult['regions'];
}

// Past this share of the frame, reading the changed area costs about what the whole frame does.
const MAX_PARTIAL_SHARE = 0.5;

/**
 * Reads a stream's frames against the stream's last read: where no 16-px cell of the picture changed, the last
 * lines and codes stand and neither detection nor the QR search runs; where only part changed (an overlay came or
 * went over a still room), only that part is read. So OCR costs follow what changes on screen, not the frame rate.
 * Keyed by stream; the oldest streams are forgotten past `maxStreams`.
 */
export class IncrementalFrameText {
  private readonly ocr = new Map<string, Last<OcrLine>>();
  private readonly qr = new Map<string, Last<DecodedQrCode>>();

  constructor(
    private readonly reader: FrameTextReader,
    private readonly maxStreams = 512,
  ) {}

  async read(key: string, frame: RgbaImage, what: { ocr: boolean; qr: boolean }): Promise<IncrementalResult> {
    const started = performance.now();
    const coarse = coarseFrame(frame);
    const result: IncrementalResult = { regions: [], qrCodes: [], ocr: what.ocr, ms: 0, timings: {}, reuse: {} };
    if (what.ocr) {
      const last = this.ocr.get(key);
      const plan = this.plan(last, coarse, frame);
      result.reuse.ocr = plan.reuse;
      const lines =
        plan.reuse === 'all'
          ? { regions: last!.regions ?? [], timings: {} }
          : await this.readLines(frame, plan.reuse === 'partial' ? { area: plan.area!, last: last! } : undefined);
      result.regions = lines.regions;
      Object.assign(result.timings, lines.timings);
      // A reused read keeps the picture it was made on, so slow drift adds up to a change and is read.
      this.remember(this.ocr, key, {
        coarse: plan.reuse === 'all' ? last!.coarse : coarse,
        found: lines.regions.flatMap((r) => r.lines),
        regions: lines.regions,
      });
    }
    if (what.qr) {
      const last = this.qr.get(key);
      const plan = this.plan(last, coarse, frame);
      result.reuse.qr = plan.reuse;
      let codes: DecodedQrCode[];
      if (plan.reuse === 'all') codes = last!.found;
      else {
        const within = plan.reuse === 'partial' ? { area: plan.area!, lines: [], qrCodes: last!.found } : undefined;
        const read = await this.reader.readImage(frame, { ocr: false, qr: true, within });
        codes = read.qrCodes;
        result.timings.qr = read.timings.qr;
      }
      result.qrCodes = codes;
      this.remember(this.qr, key, { coarse: plan.reuse === 'all' ? last!.coarse : coarse, found: codes });
    }
    result.ms = Math.round(performance.now() - started);
    return result;
  }

  private plan<T extends { box: { x: number; y: number; width: number; height: number } }>(
    last: Last<T> | undefined,
    coarse: CoarseFrame,
    frame: RgbaImage,
  ): { reuse: Reuse; area?: { x: number; y: number; width: number; height: number } } {
    if (!last) return { reuse: 'none' };
    const changed = changedArea(last.coarse, coarse);
    if (!changed) return { reuse: 'all' };
    const area = growOver(
      changed,
      last.found.map((f) => f.box),
    );
    if (area.width * area.height > MAX_PARTIAL_SHARE * frame.width * frame.height) return { reuse: 'none' };
    return { reuse: 'partial', area };
  }

  private async readLines(
    frame: RgbaImage,
    partial: { area: { x: number; y: number; width: number; height: number }; last: Last<OcrLine> } | undefined,
  ): Promise<Pick<FrameTextResult, 'regions' | 'timings'>> {
    const within = partial && { area: partial.area, lines: partial.last.found, qrCodes: [] };
    const read = await this.reader.readImage(frame, { ocr: true, qr: false, within });
    return { regions: read.regions, timings: read.timings };
  }

  private remember<T>(map: Map<string, Last<T>>, key: string, entry: Last<T>): void {
    map.delete(key);
    map.set(key, entry);
    if (map.size > this.maxStreams) map.delete(map.keys().next().value!);
  }
}
