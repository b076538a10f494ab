import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** The name of the shared error body in the OpenAPI document's components. */
export const ERROR_BODY_SCHEMA = 'ErrorBody';

/** Every error body, as ApiExceptionFilter writes it. */
export const ERROR_BODY = {
  type: 'object' as const,
  required: ['code', 'message', 'correlationId'],
  properties: {
    code: { type: 'string' as const, description: 'Stable and machine-readable: act on this' },
    message: { type: 'string' as const, description: 'For people; may change between versions' },
    details: { description: 'Facts a program can act on (the validation messages, a quota and its limit)' },
    correlationId: { type: 'string' as const, description: 'Also in the X-Request-Id header; quote it in reports' },
  },
};

/** The error body with its `code` limited to the given values. */
export function errorBodySchema(codes: readonly string[]) {
  const sorted = [...new Set(codes)].sort();
  return {
    allOf: [
      { $ref: `#/components/schemas/${ERROR_BODY_SCHEMA}` },
      { type: 'object' as const, properties: { code: { type: 'string' as const, enum: sorted, example: sorted[0] } } },
    ],
  };
}

/** The codes an error response's schema allows, if it is one made by errorBodySchema. */
export function errorCodesOf(schema: unknown): string[] | undefined {
  const parts = (schema as { allOf?: { properties?: { code?: { enum?: string[] } } }[] } | undefined)?.allOf;
  return parts?.[1]?.properties?.code?.enum;
}

/**
 * Documents the errors an operation itself answers, per status the stable codes it can carry. Those of the guard
 * (credentials, roles, rate limit), of validation and of an outage are added to every operation when the document
 * is built (see libs/application/src/openapi-document.ts), so a decorator lists only what the handler adds.
 */
export const ApiErrors = (codes: Partial<Record<number, readonly string[]>>) =>
  applyDecorators(
    ...Object.entries(codes).map(([status, list]) =>
      ApiResponse({
        status: Number(status),
        description: (list ?? []).map((code) => `\`${code}\``).join(', '),
        schema: errorBodySchema(list ?? []),
      }),
    ),
  );
