import { embeddedBackends } from '../helpers/test-app';
import { describeAuditTamper } from '../suites/audit-tamper.suite';

describeAuditTamper('SQLite, in-process queue', embeddedBackends, { cli: true });
