export * from './signal.entity';
export * from './signals.service';
export * from './tensorflow-runtime';
export * from './nsfw-model';
export * from './model-registry.service';
export * from './frame-classifier.service';
export * from './classifier.module';
export * from './text';
