import { serviceBackends } from '../helpers/test-app';
import { describeReviewConcurrency } from '../suites/review-concurrency.suite';

describeReviewConcurrency('PostgreSQL', serviceBackends);
