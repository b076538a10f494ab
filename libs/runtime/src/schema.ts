import { Platform } from '@qinglang/platforms';
import { Account, Post, PostMedia, Segment, Stream, TextBatch, TextLine, TipBatch, TipEvent } from '@qinglang/ingest';
import { Frame } from '@qinglang/media';
import { Signal } from '@qinglang/classifier';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { SignalSubjectsAndFlags1764100000000 } from './migrations/1764100000000-signal-subjects-and-flags';
import { Flag, FlagEvidence } from '@qinglang/flagging';

/** Every entity and migration of the service, for the data source and for the migration drift check. */
export const ENTITIES = [Platform, Account, Stream, Segment, Post, PostMedia, TextBatch, TextLine, TipBatch, TipEvent, Frame, Signal, Flag, FlagEvidence];
export const MIGRATIONS = [InitialSchema1764000000000, SignalSubjectsAndFlags1764100000000];
