import {
  Account,
  Post,
  PostMedia,
  Segment,
  Stream,
  StreamSource,
  TextBatch,
  TextLine,
  TipBatch,
  TipEvent,
} from './entities';

// The module's tables, for the composition root's data source and the migration drift check only: every
// other module reads and writes them through this module's services (a test checks who imports this).
export const INGEST_TABLES = [
  Account,
  Stream,
  StreamSource,
  Segment,
  Post,
  PostMedia,
  TextBatch,
  TextLine,
  TipBatch,
  TipEvent,
];
