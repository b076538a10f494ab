import { serviceBackends } from '../helpers/test-app';
import { describeAccountability } from '../suites/accountability.suite';

describeAccountability('PostgreSQL + BullMQ', serviceBackends);
