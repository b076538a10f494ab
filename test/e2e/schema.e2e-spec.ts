import { embeddedBackends } from '../helpers/test-app';
import { describeSchema } from '../suites/schema.suite';

describeSchema('SQLite', embeddedBackends);
