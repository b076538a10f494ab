import { ApiError } from '@qinglang/operations';

/** Deeper than any request body the API takes (a post's nesting is 3); walking 10,000 levels overflows the stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a parsed body is one the API refuses before validating it: nested past MAX_JSON_DEPTH, or holding a
 * number no double holds exactly (an id or an offset silently rounded is worse than an error). Walks iteratively,
 * so the check itself cannot overflow. Returns the error to answer with, or undefined.
 */
export function hostileJson(body: unknown): ApiError | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const stack: Array<[unknown, number]> = [[body, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'number' && (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER))
      return new ApiError(400, 'number_out_of_range', `A number in the body is too large to be exact: ${value}`);
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH)
      return new ApiError(400, 'json_too_deep', `The body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return undefined;
}
