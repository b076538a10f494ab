import { embeddedBackends } from '../helpers/test-app';
import { describeReviewConcurrency } from '../suites/review-concurrency.suite';

describeReviewConcurrency('SQLite', embeddedBackends);
