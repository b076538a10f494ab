import { serviceBackends } from '../helpers/test-app';
import { describeAuditTamper } from '../suites/audit-tamper.suite';
import { describeCompliance } from '../suites/compliance.suite';

describeAuditTamper('PostgreSQL', serviceBackends);
// The compliance queries (filters, keyset paging, the report's medians) on the production database too.
describeCompliance('PostgreSQL + Redis', serviceBackends);
