import { embeddedBackends } from '../helpers/test-app';
import { describeSanctions } from '../suites/sanctions.suite';

describeSanctions('SQLite, in-process queue', embeddedBackends);
