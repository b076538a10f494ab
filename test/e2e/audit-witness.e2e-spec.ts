import { embeddedBackends } from '../helpers/test-app';
import { describeAuditWitness } from '../suites/audit-witness.suite';

describeAuditWitness('SQLite, in-process queue', embeddedBackends, { cli: true });
