export * from './review-decision.entity';
export * from './review.service';
export * from './review.controller';
export * from './review.module';
