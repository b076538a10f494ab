import { embeddedBackends } from '../helpers/test-app';
import { describeCompliance } from '../suites/compliance.suite';

describeCompliance('SQLite, in-process queue', embeddedBackends);
