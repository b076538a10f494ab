import { Platform } from '@qinglang/platforms';
import { Account, Post, PostMedia, Segment, Stream, TextBatch, TextLine, TipBatch, TipEvent } from '@qinglang/ingest';
import { Frame } from '@qinglang/media';
import { Signal } from '@qinglang/classifier';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { SignalSubjectsAndFlags1764100000000 } from './migrations/1764100000000-signal-subjects-and-flags';
import { ReviewSanctionsDeliveryAudit1764200000000 } from './migrations/1764200000000-review-sanctions-delivery-audit';
import { ComplianceKeysetIndexes1764210000000 } from './migrations/1764210000000-compliance-keyset-indexes';
import { Flag, FlagEvidence } from '@qinglang/flagging';
import { StaffUser } from '@qinglang/staff';
import { ReviewDecision } from '@qinglang/review';
import { Appeal, Sanction } from '@qinglang/sanctions';
import { OutboxEvent, WebhookEndpoint } from '@qinglang/delivery';
import { AuditCheckpoint, AuditEntry } from '@qinglang/audit';

/** Every entity and migration of the service, for the data source and for the migration drift check. */
export const ENTITIES = [
  Platform,
  Account,
  Stream,
  Segment,
  Post,
  PostMedia,
  TextBatch,
  TextLine,
  TipBatch,
  TipEvent,
  Frame,
  Signal,
  Flag,
  FlagEvidence,
  StaffUser,
  ReviewDecision,
  Sanction,
  Appeal,
  OutboxEvent,
  WebhookEndpoint,
  AuditEntry,
  AuditCheckpoint,
];
export const MIGRATIONS = [
  InitialSchema1764000000000,
  SignalSubjectsAndFlags1764100000000,
  ReviewSanctionsDeliveryAudit1764200000000,
  ComplianceKeysetIndexes1764210000000,
];
