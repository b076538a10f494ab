import { serviceBackends } from '../helpers/test-app';
import { describeAuditWitness } from '../suites/audit-witness.suite';

describeAuditWitness('PostgreSQL', serviceBackends, { postgres: true });
