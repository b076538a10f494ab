export type * from './review-decision.entity';
export * from './tables';
export * from './review.service';
export * from './review.controller';
export * from './review.module';
export * from './review.responses';
