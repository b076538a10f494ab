import 'reflect-metadata';
import { chmodSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { OPENAPI_FILE, renderOpenApiDocument } from '@qinglang/application';

/** `npm run openapi`: writes the published OpenAPI document from the code (no server, no models, no workers). */
renderOpenApiDocument()
  .then((text) => {
    writeFileSync(OPENAPI_FILE, text);
    // A file of the repository, readable by all (the application sets a private umask for its data).
    chmodSync(OPENAPI_FILE, 0o644);
    process.stdout.write(`wrote ${relative(process.cwd(), OPENAPI_FILE)}\n`);
    // Nest's providers may hold timers (a pool, a witness interval) that outlive close(); the work is done.
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
