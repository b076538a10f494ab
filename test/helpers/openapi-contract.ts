import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildOpenApiDocument } from '@qinglang/application';

/** Routes the document leaves out on purpose: the console's static files, Prometheus metrics, the docs page. */
const UNDOCUMENTED = [/^\/console(\/|$)/, /^\/metrics$/, /^\/docs(\/|-json|$)/];
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const;

interface Route {
  template: string;
  pattern: RegExp;
  params: number;
}

/** The parts of a response the contract speaks of. */
export interface ResponseSeen {
  status: number;
  type: string;
  body: unknown;
}

/**
 * OpenAPI 3.0's `nullable: true` beside a `$ref` (`allOf: [{$ref}]`, which is how Nest writes a nullable object)
 * means "this or null", as client generators read it; JSON Schema needs that said as an `anyOf`.
 */
function withNullAllowed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullAllowed);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const copy = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, withNullAllowed(value)]));
  return nullable === true ? { anyOf: [{ type: 'null' }, copy] } : copy;
}

/**
 * The named schemas closed: an object with listed properties and no word on others takes no others, so a field the
 * code answers and the document does not name fails the test (client generators would never see it). Only under
 * `components.schemas`: the inline parts of an `allOf` (an error body's `code` list) stay open.
 */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closed(value)]));
  const isObject = schema.type === 'object' || (schema.properties && !schema.type);
  if (isObject && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  return schema;
}

function closeNamedSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  return {
    ...document,
    components: {
      ...document.components,
      schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, closed(schema)])),
    },
  } as OpenAPIObject;
}

const pointer = (...parts: string[]) =>
  parts.map((part) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/**
 * Checks responses against the OpenAPI document: the operation exists, documents the status, and a JSON body
 * validates against that status's schema (ajv). Returns what is wrong, naming the operation, or undefined.
 */
export class ContractValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    addFormats(this.ajv);
    this.ajv.addSchema(withNullAllowed(closeNamedSchemas(document)) as object, 'openapi');
    // A literal path (`/v1/review/bank/export`) wins over a template that also matches (`/v1/review/bank/{id}`).
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (template.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params);
  }

  check(method: string, url: string, response: ResponseSeen): string | undefined {
    const path = new URL(url, 'http://x').pathname;
    if (UNDOCUMENTED.some((pattern) => pattern.test(path))) return undefined;
    const verb = method.toLowerCase() as (typeof METHODS)[number];
    const route = this.routes.find((r) => r.pattern.test(path) && this.document.paths[r.template][verb]);
    if (!route) {
      // No such route: Nest's own 404 (or 405), which the exception filter still writes as an error body.
      if (response.status === 404 || response.status === 405)
        return this.validate('#/components/schemas/ErrorBody', response.body, `${verb.toUpperCase()} ${path}`);
      return `${verb.toUpperCase()} ${path} answered ${response.status} but no operation in the OpenAPI document matches it`;
    }
    const name = `${verb.toUpperCase()} ${route.template}`;
    const documented = this.document.paths[route.template][verb]!.responses;
    const status = String(response.status);
    const listed = documented[status] as { $ref?: string; content?: Record<string, unknown> } | undefined;
    // A shared answer (`#/components/responses/<name>`) is validated where it is defined.
    const at = listed?.$ref ? listed.$ref.slice(2).split('/') : ['paths', route.template, verb, 'responses', status];
    const answer = listed?.$ref ? (this.document.components?.responses?.[at[2]] as typeof listed) : listed;
    if (!answer)
      return `${name} answered ${status}, which the OpenAPI document does not list (it lists ${Object.keys(documented).join(', ')}); body: ${JSON.stringify(response.body).slice(0, 300)}`;
    if (!answer.content || response.status === 204) return undefined;
    const types = Object.keys(answer.content);
    if (!types.includes(response.type))
      return `${name} ${status} answered ${response.type || 'no content type'}, the document says ${types.join(' or ')}`;
    if (response.type !== 'application/json') return undefined;
    return this.validate(
      `#/${pointer(...at, 'content', 'application/json', 'schema')}`,
      response.body,
      `${name} ${status}`,
    );
  }

  /** Checks a body against one named schema (`components.schemas.<name>`): for the tests of the schemas themselves. */
  checkSchema(name: string, body: unknown): string | undefined {
    return this.validate(`#/components/schemas/${pointer(name)}`, body, name);
  }

  private validate(ref: string, body: unknown, name: string): string | undefined {
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi${ref}` });
      this.compiled.set(ref, validate);
    }
    if (validate(body)) return undefined;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
      .join('; ');
    return `${name}: the body does not match the OpenAPI schema: ${errors}; body: ${JSON.stringify(body).slice(0, 500)}`;
  }
}

const validators = new WeakMap<INestApplication, ContractValidator>();

/** The validator of an app's own document (built once per app: the live code, which the published file mirrors). */
export function contractOf(app: INestApplication): ContractValidator {
  let validator = validators.get(app);
  if (!validator) {
    validator = new ContractValidator(buildOpenApiDocument(app));
    validators.set(app, validator);
  }
  return validator;
}

/**
 * Supertest on the app, each response checked against the OpenAPI document: a mismatch fails the request (and so
 * the test that made it) with the operation, the status and the schema error.
 */
export function contractCheckedHttp(app: INestApplication): TestAgent {
  const agent = request(app.getHttpServer()) as unknown as Record<string, (url: string) => request.Test>;
  for (const method of METHODS) {
    const open = agent[method].bind(agent);
    agent[method] = (url: string) =>
      open(url).expect((response) => {
        const problem = contractOf(app).check(method, url, {
          status: response.status,
          type: response.type,
          body: response.body,
        });
        if (problem) throw new Error(`OpenAPI contract: ${problem}`);
      });
  }
  return agent as unknown as TestAgent;
}
