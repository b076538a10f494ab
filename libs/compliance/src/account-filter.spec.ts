import { ApiError } from '@qinglang/operations';
import { accountFilterOf } from './account-filter';

describe('accountFilterOf', () => {
  it.each([
    [{}, { kind: 'none' }],
    [{ platformId: 'p1' }, { kind: 'none' }],
    [{ accountId: 'a1' }, { kind: 'internal', accountId: 'a1' }],
    [
      { accountId: 'a1', platformId: 'p1' },
      { kind: 'internal', accountId: 'a1' },
    ],
    [
      { externalAccountId: 'user-42', platformId: 'p1' },
      { kind: 'external', platformId: 'p1', externalId: 'user-42' },
    ],
  ])('%j means %j', (query, filter) => {
    expect(accountFilterOf(query)).toEqual(filter);
  });

  it.each([
    [{ externalAccountId: 'user-42' }, 'platform_required'],
    [{ accountId: 'a1', externalAccountId: 'user-42', platformId: 'p1' }, 'account_filter_ambiguous'],
    [{ accountId: 'a1', externalAccountId: 'user-42' }, 'account_filter_ambiguous'],
  ])('%j is a 400 %s', (query, code) => {
    let thrown: unknown;
    try {
      accountFilterOf(query);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ status: 400, code });
  });
});
