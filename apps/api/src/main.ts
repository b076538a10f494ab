import 'reflect-metadata';
import { EnvironmentError, loadConfig } from '@qinglang/config';
import { PolicyError } from '@qinglang/policy';
import { createApplication } from '@qinglang/application';

/** `npm start` (QL_ROLE=all: API and workers in one process) and `npm run start:api` (QL_ROLE=api). */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApplication(config);
  await app.listen(config.port, '0.0.0.0');
}

main().catch((error) => {
  // A bad environment or policy is the operator's to fix: say which variable or line, without a stack trace.
  console.error(error instanceof EnvironmentError || error instanceof PolicyError ? error.message : error);
  process.exit(1);
});
