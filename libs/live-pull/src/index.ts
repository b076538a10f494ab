export * from './hls-playlist';
export * from './live-pull.service';
export * from './live-pull.module';
export type * from './live-worker.entity';
export * from './tables';
