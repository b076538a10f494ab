import { PLATFORMS_TABLES } from '@qinglang/platforms';
import { INGEST_TABLES } from '@qinglang/ingest';
import { MEDIA_TABLES } from '@qinglang/media';
import { CLASSIFIER_TABLES } from '@qinglang/classifier';
import { FLAGGING_TABLES } from '@qinglang/flagging';
import { STAFF_TABLES } from '@qinglang/staff';
import { REVIEW_TABLES } from '@qinglang/review';
import { SANCTIONS_TABLES } from '@qinglang/sanctions';
import { DELIVERY_TABLES } from '@qinglang/delivery';
import { AUDIT_TABLES } from '@qinglang/audit';
import { LIVE_PULL_TABLES } from '@qinglang/live-pull';
import { ENTITY_BANK_TABLES } from '@qinglang/entity-bank';
import { RETENTION_TABLES } from '@qinglang/retention';

// The migrations live in a file of their own, which loads no module: the CLI migrates without loading the service.
export { MIGRATIONS } from './migration-list';

/** Every entity of the service, for the data source and for the migration drift check. */
export const ENTITIES = [
  ...PLATFORMS_TABLES,
  ...INGEST_TABLES,
  ...MEDIA_TABLES,
  ...CLASSIFIER_TABLES,
  ...FLAGGING_TABLES,
  ...STAFF_TABLES,
  ...REVIEW_TABLES,
  ...SANCTIONS_TABLES,
  ...DELIVERY_TABLES,
  ...AUDIT_TABLES,
  ...LIVE_PULL_TABLES,
  ...ENTITY_BANK_TABLES,
  ...RETENTION_TABLES,
];
