import { ApiError } from '@qinglang/operations';

export type SubjectKind = 'stream' | 'post' | 'account' | 'cluster';

/** What a platform's flag list filters on: a subject by Qinglang's id or by its own, and an account by its own id. */
export interface FlagSubjectQuery {
  subjectKind?: SubjectKind;
  subjectId?: string;
  subjectExternalId?: string;
  accountExternalId?: string;
}

export type SubjectLookup =
  | { kind: 'none' }
  | { kind: 'id'; subjectKind?: SubjectKind; id: string }
  | { kind: 'external'; subjectKind: 'stream' | 'post' | 'account'; externalId: string };

/**
 * Which subject a flag list means: `subjectId` (Qinglang's id) or `subjectExternalId` with a `subjectKind` of
 * stream, post or account (the platform's own id: a cluster has none). Both at once, or an external id without its
 * kind, is a 400 rather than a guess.
 */
export function subjectLookupOf(query: FlagSubjectQuery): SubjectLookup {
  if (query.subjectId && query.subjectExternalId)
    throw new ApiError(400, 'subject_filter_ambiguous', 'Give either subjectId or subjectExternalId, not both.');
  if (query.subjectExternalId) {
    if (!query.subjectKind || query.subjectKind === 'cluster')
      throw new ApiError(
        400,
        'subject_kind_required',
        'subjectExternalId is your own id for a stream, post or account: give subjectKind (stream, post or account) with it.',
      );
    return { kind: 'external', subjectKind: query.subjectKind, externalId: query.subjectExternalId };
  }
  if (query.subjectId) return { kind: 'id', subjectKind: query.subjectKind, id: query.subjectId };
  return { kind: 'none' };
}
