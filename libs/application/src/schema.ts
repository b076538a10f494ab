import { PLATFORMS_TABLES } from '@qinglang/platforms';
import { INGEST_TABLES } from '@qinglang/ingest';
import { MEDIA_TABLES } from '@qinglang/media';
import { CLASSIFIER_TABLES } from '@qinglang/classifier';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { SignalSubjectsAndFlags1764100000000 } from './migrations/1764100000000-signal-subjects-and-flags';
import { ReviewSanctionsDeliveryAudit1764200000000 } from './migrations/1764200000000-review-sanctions-delivery-audit';
import { ComplianceKeysetIndexes1764210000000 } from './migrations/1764210000000-compliance-keyset-indexes';
import { StreamSources1764300000000 } from './migrations/1764300000000-stream-sources';
import { LiveWorkers1764310000000 } from './migrations/1764310000000-live-workers';
import { FLAGGING_TABLES } from '@qinglang/flagging';
import { STAFF_TABLES } from '@qinglang/staff';
import { REVIEW_TABLES } from '@qinglang/review';
import { SANCTIONS_TABLES } from '@qinglang/sanctions';
import { DELIVERY_TABLES } from '@qinglang/delivery';
import { AUDIT_TABLES } from '@qinglang/audit';
import { LIVE_PULL_TABLES } from '@qinglang/live-pull';
import { ENTITY_BANK_TABLES } from '@qinglang/entity-bank';
import { Attribution1764400000000 } from './migrations/1764400000000-attribution';
import { StaffTokens1764410000000 } from './migrations/1764410000000-staff-tokens';
import { StreamerLinesIndexes1764500000000 } from './migrations/1764500000000-streamer-lines-indexes';

/** Every entity and migration of the service, for the data source and for the migration drift check. */
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
];
export const MIGRATIONS = [
  InitialSchema1764000000000,
  SignalSubjectsAndFlags1764100000000,
  ReviewSanctionsDeliveryAudit1764200000000,
  ComplianceKeysetIndexes1764210000000,
  StreamSources1764300000000,
  LiveWorkers1764310000000,
  Attribution1764400000000,
  StaffTokens1764410000000,
  StreamerLinesIndexes1764500000000,
];
