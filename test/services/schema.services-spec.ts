import { serviceBackends } from '../helpers/test-app';
import { describeSchema } from '../suites/schema.suite';

describeSchema('PostgreSQL', serviceBackends);
