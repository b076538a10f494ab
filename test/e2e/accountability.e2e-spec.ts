import { embeddedBackends } from '../helpers/test-app';
import { describeAccountability } from '../suites/accountability.suite';

describeAccountability('SQLite, in-process queue', embeddedBackends);
