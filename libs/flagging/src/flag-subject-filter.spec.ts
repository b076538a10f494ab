import { ApiError } from '@qinglang/operations';
import { FlagSubjectQuery, subjectLookupOf } from './flag-subject-filter';

describe('subjectLookupOf', () => {
  it.each<[FlagSubjectQuery, unknown]>([
    [{}, { kind: 'none' }],
    [{ subjectKind: 'stream' }, { kind: 'none' }],
    [{ subjectId: 's1' }, { kind: 'id', subjectKind: undefined, id: 's1' }],
    [
      { subjectId: 'c1', subjectKind: 'cluster' },
      { kind: 'id', subjectKind: 'cluster', id: 'c1' },
    ],
    [
      { subjectExternalId: 'room-1', subjectKind: 'stream' },
      { kind: 'external', subjectKind: 'stream', externalId: 'room-1' },
    ],
    [
      { subjectExternalId: 'user-1', subjectKind: 'account' },
      { kind: 'external', subjectKind: 'account', externalId: 'user-1' },
    ],
  ])('%j means %j', (query, lookup) => {
    expect(subjectLookupOf(query)).toEqual(lookup);
  });

  it.each<[FlagSubjectQuery, string]>([
    [{ subjectExternalId: 'room-1' }, 'subject_kind_required'],
    [{ subjectExternalId: 'room-1', subjectKind: 'cluster' }, 'subject_kind_required'],
    [{ subjectExternalId: 'room-1', subjectId: 's1', subjectKind: 'stream' }, 'subject_filter_ambiguous'],
  ])('%j is a 400 %s', (query, code) => {
    expect(() => subjectLookupOf(query)).toThrow(ApiError);
    expect(() => subjectLookupOf(query)).toThrow(expect.objectContaining({ status: 400, code }) as Error);
  });
});
