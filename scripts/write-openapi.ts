import 'reflect-metadata';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { OPENAPI_FILE, renderOpenApiDocument } from '@qinglang/application';
import { CLIENT_TYPES_FILE, renderClientTypes } from './openapi-client-types';

/** A file of the repository, readable by all (the application sets a private umask for its data). */
function publish(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o644);
  process.stdout.write(`wrote ${relative(process.cwd(), file)}\n`);
}

/**
 * `npm run openapi`: writes the published OpenAPI document from the code (no server, no models, no workers), and
 * the TypeScript types openapi-typescript generates from it.
 */
renderOpenApiDocument()
  .then(async (text) => {
    publish(OPENAPI_FILE, text);
    publish(CLIENT_TYPES_FILE, await renderClientTypes(text));
    // Nest's providers may hold timers (a pool, a witness interval) that outlive close(); the work is done.
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
