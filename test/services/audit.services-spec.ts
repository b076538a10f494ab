import { serviceBackends } from '../helpers/test-app';
import { describeAuditTamper } from '../suites/audit-tamper.suite';

describeAuditTamper('PostgreSQL', serviceBackends);
