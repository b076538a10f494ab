import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@qinglang/config';
import { createApplication } from './create-application';
import { buildOpenApiDocument } from './openapi-document';

/** The published contract, at the root of the repository; `npm run openapi` writes it, a test checks it. */
export const OPENAPI_FILE = join(__dirname, '..', '..', '..', 'openapi.json');

/**
 * The OpenAPI document as the published file holds it. The application is built in Nest's preview mode (its module graph,
 * no provider instantiated), so no database opens, no model loads, no worker starts and nothing listens; a throwaway data directory keeps the operator's data out
 * of it, and only defaults configure it, so the document does not depend on who builds it.
 */
export async function renderOpenApiDocument(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qinglang-openapi-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', LOG_JSON: 'false' });
    const app = await createApplication(config, undefined, { preview: true });
    try {
      return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
