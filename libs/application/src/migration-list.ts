import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { SignalSubjectsAndFlags1764100000000 } from './migrations/1764100000000-signal-subjects-and-flags';
import { ReviewSanctionsDeliveryAudit1764200000000 } from './migrations/1764200000000-review-sanctions-delivery-audit';
import { ComplianceKeysetIndexes1764210000000 } from './migrations/1764210000000-compliance-keyset-indexes';
import { StreamSources1764300000000 } from './migrations/1764300000000-stream-sources';
import { LiveWorkers1764310000000 } from './migrations/1764310000000-live-workers';
import { Attribution1764400000000 } from './migrations/1764400000000-attribution';
import { StaffTokens1764410000000 } from './migrations/1764410000000-staff-tokens';
import { StreamerLinesIndexes1764500000000 } from './migrations/1764500000000-streamer-lines-indexes';
import { MediaRetention1764800000000 } from './migrations/1764800000000-media-retention';

/**
 * Every migration of the service, in order: for the data source and the migration drift check, and for the CLI,
 * which imports this file alone (`@qinglang/application/migration-list`) so that a command loads no module it does
 * not use. A new migration is added here.
 */
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
  MediaRetention1764800000000,
];
