import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { EnvironmentError, loadConfig } from '@qinglang/config';
import { PolicyError } from '@qinglang/policy';
import { WorkerReadiness } from '@qinglang/queue';
import { createApplication } from '@qinglang/application';

/**
 * `npm start` (QL_ROLE=all: API and workers in one process) and `npm run start:api` (QL_ROLE=api). The API listens
 * as soon as the database is migrated; the models load after, while /health answers 503 `starting` and every route
 * that needs no model serves (items accepted meanwhile are queued and classified once the models are ready).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApplication(config);
  await app.listen(config.port, '0.0.0.0');
  const logger = new Logger('Startup');
  logger.log({ message: 'listening', port: config.port, role: config.role, sinceStartMs: uptimeMs() });
  void app
    .get(WorkerReadiness)
    .ready()
    .then(
      (checks) => logger.log({ message: 'models ready', checks, sinceStartMs: uptimeMs() }),
      // /health says `failed`; a process that also runs workers on Redis tries again (WorkerService).
      (error: unknown) => logger.error({ message: 'models failed to load', error: String(error) }),
    );
}

const uptimeMs = () => Math.round(process.uptime() * 1000);

main().catch((error) => {
  // A bad environment or policy is the operator's to fix: say which variable or line, without a stack trace.
  console.error(error instanceof EnvironmentError || error instanceof PolicyError ? error.message : error);
  process.exit(1);
});
