import { embeddedBackends } from '../helpers/test-app';
import { describeRetention } from '../suites/retention.suite';

describeRetention('SQLite, in-process queue', embeddedBackends);
