export type * from './frame.entity';
export * from './tables';
export * from './frames.service';
export * from './ffmpeg-locator';
export * from './ffmpeg.service';
export * from './frame-sampler';
export * from './perceptual-hash';
export * from './media.module';
export { assertPublic } from './media-fetcher';
