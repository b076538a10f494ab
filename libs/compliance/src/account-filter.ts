import { ApiError } from '@qinglang/operations';

/** How a compliance filter names an account: Qinglang's id, or the platform's own id on one platform. */
export type AccountFilter =
  | { kind: 'none' }
  | { kind: 'internal'; accountId: string }
  | { kind: 'external'; platformId: string; externalId: string };

/**
 * Which account a filter means, from its query: `accountId` (Qinglang's id) or `externalAccountId` with
 * `platformId` (the id the platform knows the account by). Both at once, or an external id without its platform,
 * is a 400 rather than a guess.
 */
export function accountFilterOf(query: {
  platformId?: string;
  accountId?: string;
  externalAccountId?: string;
}): AccountFilter {
  if (query.accountId && query.externalAccountId)
    throw new ApiError(
      400,
      'account_filter_ambiguous',
      'Give either accountId (Qinglang\u2019s id) or externalAccountId with platformId, not both.',
    );
  if (query.externalAccountId) {
    if (!query.platformId)
      throw new ApiError(
        400,
        'platform_required',
        'externalAccountId is the platform\u2019s own id for an account: give platformId with it.',
      );
    return { kind: 'external', platformId: query.platformId, externalId: query.externalAccountId };
  }
  if (query.accountId) return { kind: 'internal', accountId: query.accountId };
  return { kind: 'none' };
}
