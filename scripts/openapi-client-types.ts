import { join } from 'node:path';
import openapiTS, { OpenAPI3, astToString } from 'openapi-typescript';

/** The TypeScript types of the API, generated from openapi.json; the client test runs the README's flows on them. */
export const CLIENT_TYPES_FILE = join(__dirname, '..', 'test', 'generated', 'qinglang-api.ts');

/** What openapi-typescript makes of the published document, as the committed types file holds it. */
export async function renderClientTypes(openapiJson: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(openapiJson) as OpenAPI3, { alphabetize: false, exportType: false });
  return `// Generated from openapi.json by openapi-typescript (npm run openapi): do not edit.\n${astToString(ast)}`;
}
