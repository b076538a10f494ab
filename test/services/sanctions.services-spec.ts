import { serviceBackends } from '../helpers/test-app';
import { describeSanctions } from '../suites/sanctions.suite';

describeSanctions('PostgreSQL + BullMQ', serviceBackends);
