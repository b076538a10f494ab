import { serviceBackends } from '../helpers/test-app';
import { describePipeline } from '../suites/pipeline.suite';

describePipeline('PostgreSQL + BullMQ', serviceBackends);
