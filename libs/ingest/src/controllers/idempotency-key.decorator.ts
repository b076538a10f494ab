import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from '@qinglang/operations';

/** The optional Idempotency-Key header: a retry carrying the same key returns the first item. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1-200 visible ASCII characters.');
  }
  return value;
});
