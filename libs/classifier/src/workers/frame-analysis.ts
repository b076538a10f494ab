import type { IncrementalResult } from '../frame-text/incremental-frame-text';
import type { NsfwScores } from '../nsfw-model';

export interface FrameAnalysisWorkerData {
  /** Load PP-OCR at start (OCR on); the QR search needs no model. */
  ocr: boolean;
  modelPath?: string;
}

export interface FrameAnalysisRequest {
  /** The stream the frames are of: its last read lets unchanged text go unread again. Unset for a post. */
  streamKey?: string;
  /**
   * Evidence JPEGs (absolute paths) and what to read on each; one model call scores them all. `raw`: the pixels
   * the sampler wrote beside the JPEG (RGBA, the JPEG's size), read instead of decoding it when still there.
   */
  frames: Array<{ path: string; raw?: { path: string; width: number; height: number }; ocr: boolean; qr: boolean }>;
}

export interface FrameAnalysisReply {
  scores: NsfwScores[];
  /** Per frame, what OCR and the QR search found; null where neither ran. */
  texts: Array<IncrementalResult | null>;
  /** Thread time per step, for the bench and the logs; `decoded`: frames whose JPEG was decoded (no raw pixels). */
  timings: { readMs: number; decodeMs: number; modelMs: number; ocrMs: number; qrMs: number; decoded: number };
}
