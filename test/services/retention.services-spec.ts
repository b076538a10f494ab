import { serviceBackends } from '../helpers/test-app';
import { describeRetention } from '../suites/retention.suite';

describeRetention('PostgreSQL + BullMQ', serviceBackends);
