import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_BODY, ERROR_BODY_SCHEMA, errorBodySchema, errorCodesOf } from '@qinglang/operations';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Security = NonNullable<Operation['security']>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** What the access guard answers (libs/staff/src/access.guard.ts, libs/platforms/src/api-key.guard.ts). */
const PLATFORM_KEY_ERRORS: Record<number, string[]> = {
  401: ['missing_api_key', 'malformed_authorization', 'invalid_api_key'],
  403: ['staff_token_not_allowed'],
  429: ['rate_limited'],
};
const STAFF_TOKEN_ERRORS: Record<number, string[]> = {
  401: ['missing_staff_token', 'invalid_staff_token', 'staff_token_revoked', 'staff_token_expired'],
  403: ['platform_key_not_allowed', 'role_not_allowed'],
};
/** The validation pipe (query, body) and, for a JSON body, the body parser and the hostile-JSON check. */
const INPUT_ERRORS: Record<number, string[]> = { 400: ['validation_failed'] };
const BODY_ERRORS: Record<number, string[]> = {
  400: ['validation_failed', 'invalid_json', 'json_too_deep', 'number_out_of_range', 'bad_request'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
};
/**
 * Any operation: an unexpected error, the media store refusing the deployment's settings (an operation that reads
 * or writes media; listed on all, as the shared answer), or a dependency (database, Redis, the bucket) not answering.
 */
const SERVER_ERRORS: Record<number, string[]> = {
  500: ['internal_error', 'storage_misconfigured'],
  // `starting`: the port is bound while the service is still loading (apps/api/src/starting-server.ts).
  503: ['unavailable', 'starting'],
};
/** A change is audited, and a process that found the audit log cut under its witness refuses to append. */
const CHANGE_ERRORS: Record<number, string[]> = { 503: ['audit_log_refused'] };

/**
 * Error answers many operations share, kept once under `components.responses` and referenced: an operation whose
 * codes for a status are exactly one of these points at it; one that adds codes of its own spells its list out.
 */
const SHARED_RESPONSES: Array<[name: string, status: number, codes: string[]]> = [
  ['PlatformKeyRefused', 401, PLATFORM_KEY_ERRORS[401]],
  ['StaffTokenNotAllowed', 403, PLATFORM_KEY_ERRORS[403]],
  ['RateLimited', 429, PLATFORM_KEY_ERRORS[429]],
  ['StaffTokenRefused', 401, STAFF_TOKEN_ERRORS[401]],
  ['RoleNotAllowed', 403, STAFF_TOKEN_ERRORS[403]],
  ['ValidationFailed', 400, INPUT_ERRORS[400]],
  ['BodyRefused', 400, BODY_ERRORS[400]],
  ['PayloadTooLarge', 413, BODY_ERRORS[413]],
  ['UnsupportedMediaType', 415, BODY_ERRORS[415]],
  ['InternalError', 500, SERVER_ERRORS[500]],
  ['Unavailable', 503, SERVER_ERRORS[503]],
  ['UnavailableOrAuditRefused', 503, [...SERVER_ERRORS[503], ...CHANGE_ERRORS[503]]],
];
const sharedKey = (status: number | string, codes: string[]) => `${status}:${[...codes].sort().join(',')}`;
const SHARED_BY_KEY = new Map(SHARED_RESPONSES.map(([name, status, codes]) => [sharedKey(status, codes), name]));

const errorResponse = (codes: string[]) => ({
  description: [...codes]
    .sort()
    .map((code) => `\`${code}\``)
    .join(', '),
  content: { 'application/json': { schema: errorBodySchema(codes) } },
});

/** The OpenAPI document of the application: every route of its controllers, with the errors they all share. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Qinglang')
      .setDescription(
        'Ingest live-stream segments, posts, chat, transcripts and tips; read their classification, flags and sanctions; review flags; audit every decision. Every error is `{code, message, correlationId}` with a stable `code`; each operation lists the codes it can answer.',
      )
      .setVersion('1')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          description: 'A platform API key (`qinglang platform create <name>`): ingest, items, sanctions, events',
        },
        'platformKey',
      )
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          description:
            'A staff token (`qinglang staff create <name> --role <role>`): review and compliance; `x-staff-roles` names the roles an operation accepts',
        },
        'staffToken',
      )
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [ERROR_BODY_SCHEMA]: ERROR_BODY },
    responses: Object.fromEntries(SHARED_RESPONSES.map(([name, , codes]) => [name, errorResponse(codes)])),
  };
  for (const item of Object.values(document.paths))
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) completeOperation(operation, method);
    }
  return document;
}

/**
 * Names the credential as the guard decides it (public, a staff role, or else a platform key) and adds the
 * errors of the guard, the input checks and the server, merged with the codes the handler documents itself.
 */
function completeOperation(operation: Operation, method: (typeof METHODS)[number]): void {
  const security: Security = operation.security ?? [];
  const isPublic = security.some((requirement) => Object.keys(requirement).length === 0);
  const isStaff = security.some((requirement) => 'staffToken' in requirement);
  operation.security = isPublic ? [] : [isStaff ? { staffToken: [] } : { platformKey: [] }];
  const hasBody = !!operation.requestBody;
  const hasQuery = (operation.parameters ?? []).some((p) => 'in' in p && p.in === 'query');
  const shared = [
    isPublic ? {} : isStaff ? STAFF_TOKEN_ERRORS : PLATFORM_KEY_ERRORS,
    hasBody ? BODY_ERRORS : hasQuery ? INPUT_ERRORS : {},
    SERVER_ERRORS,
    method === 'get' ? {} : CHANGE_ERRORS,
  ];
  for (const errors of shared)
    for (const [status, codes] of Object.entries(errors)) addErrorCodes(operation, status, codes);
  for (const [status, response] of Object.entries(operation.responses)) {
    // OpenAPI 3 has no response-level `schema` (Terminus's decorator writes one beside `content`).
    delete (response as { schema?: unknown }).schema;
    const codes = errorCodesOf((response as ErrorResponse).content?.['application/json']?.schema);
    const shared = codes && SHARED_BY_KEY.get(sharedKey(status, codes));
    if (shared) operation.responses[status] = { $ref: `#/components/responses/${shared}` };
  }
}

type ErrorResponse = { content?: Record<string, { schema?: unknown }> };

function addErrorCodes(operation: Operation, status: string, codes: string[]): void {
  const existing = operation.responses[status] as ErrorResponse | undefined;
  const known = errorCodesOf(existing?.content?.['application/json']?.schema);
  // A response documented some other way (a health report on 503, say) is left as it is.
  if (existing && !known) return;
  operation.responses[status] = errorResponse([...new Set([...(known ?? []), ...codes])]);
}
