export type { FrameBox } from './frame-image';
export { FrameTextReader } from './frame-text-reader';
export type {
  FrameTextReaderOptions,
  FrameTextResult,
  OcrEngineName,
  OverlayRegion,
  ReadOptions,
  RegionText,
} from './frame-text-reader';
export type { DecodedQrCode } from './qr-decoder';
export type { OcrLine } from './tesseract-ocr';
export type { PaddleOcrOptions } from './paddle-ocr';
