import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { OPENAPI_FILE, renderOpenApiDocument } from '@qinglang/application';
import { ContractValidator } from '../helpers/openapi-contract';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Each operation of a document as `METHOD /path` with the operation. */
const operationsOf = (document: OpenAPIObject) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation: item[method]!,
    })),
  );

type Responses = Record<string, { content?: Record<string, { schema?: unknown }> }>;

/** What a client generator needs of an operation and it lacks; empty when complete. */
export function gapsOf(
  operation: { responses: object; security?: unknown[]; summary?: string },
  shared: Record<string, unknown> = {},
): string[] {
  // A shared answer (`$ref: #/components/responses/<name>`) is judged by what it refers to.
  const responses: Responses = Object.fromEntries(
    Object.entries(operation.responses as Record<string, { $ref?: string }>).map(([status, response]) => [
      status,
      response.$ref ? (shared[response.$ref.split('/').pop()!] ?? {}) : response,
    ]),
  );
  const statuses = Object.keys(responses);
  const gaps: string[] = [];
  const success = statuses.filter((s) => /^2\d\d$/.test(s));
  if (success.length === 0) gaps.push('no 2xx response');
  for (const status of success)
    if (status !== '204' && !Object.values(responses[status].content ?? {}).some((c) => c.schema))
      gaps.push(`${status} without a schema`);
  const errors = statuses.filter((s) => /^[45]\d\d$/.test(s));
  // A route that takes a credential can refuse it; a public one (health) may answer only 5xx.
  const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
  if (!isPublic && !errors.some((s) => s.startsWith('4'))) gaps.push('no 4xx response');
  if (errors.length === 0) gaps.push('no error response');
  for (const status of errors)
    if (!responses[status].content?.['application/json']?.schema) gaps.push(`${status} without the error body`);
  if (!operation.security) gaps.push('no security (a credential, or [] for a public route)');
  if (!operation.summary) gaps.push('no summary');
  return gaps;
}

describe('the OpenAPI contract', () => {
  let built: string;
  let document: OpenAPIObject;
  beforeAll(async () => {
    built = await renderOpenApiDocument();
    document = JSON.parse(built);
  });

  it('is published: openapi.json is what the code builds', () => {
    const published = readFileSync(OPENAPI_FILE, 'utf8');
    if (published !== built) {
      const a = published.split('\n');
      const b = built.split('\n');
      const line = a.findIndex((text, i) => text !== b[i]);
      throw new Error(
        `openapi.json is out of date with the code: run \`npm run openapi\` and commit it. First difference at line ${line + 1}:\n  published: ${a[line]}\n  built:     ${b[line]}`,
      );
    }
  });

  it('publishes the client types openapi-typescript makes of it (test/generated/qinglang-api.ts)', () => {
    // In a plain Node process: openapi-typescript loads ES modules, which Jest's module system does not.
    const root = join(__dirname, '..', '..');
    const generated = execFileSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-e',
        "require('./scripts/openapi-client-types').renderClientTypes(require('node:fs').readFileSync('openapi.json', 'utf8')).then((text) => process.stdout.write(text))",
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (readFileSync(join(root, 'test', 'generated', 'qinglang-api.ts'), 'utf8') !== generated)
      throw new Error(
        'test/generated/qinglang-api.ts is out of date with openapi.json: run `npm run openapi` and commit it.',
      );
  });

  it('documents every operation: a summary, its credential, a 2xx with a schema and its errors with the error body', () => {
    const gaps = operationsOf(document)
      .map(({ name, operation }) => ({ name, gaps: gapsOf(operation, document.components?.responses) }))
      .filter((entry) => entry.gaps.length > 0)
      .map((entry) => `${entry.name}: ${entry.gaps.join(', ')}`);
    expect(gaps).toEqual([]);
  });

  it('finds what is missing in an operation', () => {
    expect(gapsOf({ responses: { '200': { description: 'ok' } } })).toEqual([
      '200 without a schema',
      'no 4xx response',
      'no error response',
      'no security (a credential, or [] for a public route)',
      'no summary',
    ]);
    expect(
      gapsOf({
        summary: 'x',
        security: [],
        responses: {
          '204': {},
          '404': { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
        },
      }),
    ).toEqual([]);
  });

  it('names the operation, the status and the schema error when a response does not match', () => {
    const validator = new ContractValidator(document);
    const staffMe = validator.check('GET', '/v1/staff/me', { status: 200, type: 'application/json', body: {} });
    expect(staffMe).toMatch(/^GET \/v1\/staff\/me 200: the body does not match the OpenAPI schema: .*required/);
    expect(validator.check('GET', '/v1/staff/me', { status: 418, type: 'application/json', body: {} })).toMatch(
      /GET \/v1\/staff\/me answered 418, which the OpenAPI document does not list/,
    );
    expect(
      validator.check('GET', '/v1/staff/me', {
        status: 401,
        type: 'application/json',
        body: { code: 'not_a_code', message: 'x', correlationId: 'c' },
      }),
    ).toMatch(/code must be equal to one of the allowed values/);
    expect(
      validator.check('GET', '/v1/staff/me', {
        status: 401,
        type: 'application/json',
        body: { code: 'missing_staff_token', message: 'x', correlationId: 'c' },
      }),
    ).toBeUndefined();
    expect(validator.check('GET', '/v1/nothing-here', { status: 200, type: 'application/json', body: {} })).toMatch(
      /no operation in the OpenAPI document matches it/,
    );
  });
});
