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
};
/** Any operation: an unexpected error, or a dependency (database, Redis) not answering. */
const SERVER_ERRORS: Record<number, string[]> = { 500: ['internal_error'], 503: ['unavailable'] };

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
  };
  for (const item of Object.values(document.paths))
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) completeOperation(operation);
    }
  return document;
}

/**
 * Names the credential as the guard decides it (public, a staff role, or else a platform key) and adds the
 * errors of the guard, the input checks and the server, merged with the codes the handler documents itself.
 */
function completeOperation(operation: Operation): void {
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
  ];
  for (const errors of shared)
    for (const [status, codes] of Object.entries(errors)) addErrorCodes(operation, status, codes);
}

function addErrorCodes(operation: Operation, status: string, codes: string[]): void {
  const existing = operation.responses[status] as { content?: Record<string, { schema?: unknown }> } | undefined;
  const known = errorCodesOf(existing?.content?.['application/json']?.schema);
  // A response documented some other way (a health report on 503, say) is left as it is.
  if (existing && !known) return;
  const all = [...new Set([...(known ?? []), ...codes])].sort();
  operation.responses[status] = {
    description: all.map((code) => `\`${code}\``).join(', '),
    content: { 'application/json': { schema: errorBodySchema(all) } },
  };
}
