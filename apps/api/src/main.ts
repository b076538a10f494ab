import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { EnvironmentError, loadConfig } from '@qinglang/config';
import { handOver, listenWhileStarting } from './starting-server';

/**
 * `npm start` (QL_ROLE=all: API and workers in one process) and `npm run start:api` (QL_ROLE=api). The port is bound
 * first (503 `starting` to everything while the modules load and the database is migrated); then the application
 * answers on it, and the models load while /health says `starting` and every route that needs no model serves
 * (items accepted meanwhile are queued and classified once the models are ready).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await listenWhileStarting(config.port, '0.0.0.0');
  const listeningMs = uptimeMs();
  // Loaded only now, a framework at a time: loading modules is most of the time to start and holds the event
  // loop while it runs, so the socket above answers between the pieces.
  for (const framework of FRAMEWORKS) {
    await import(framework);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const [{ createApplication }, { WorkerReadiness }] = await Promise.all([
    import('@qinglang/application'),
    import('@qinglang/queue'),
  ]);
  const app = await createApplication(config);
  await app.init();
  handOver(server, app);
  const logger = new Logger('Startup');
  logger.log({ message: 'listening', port: config.port, role: config.role, listeningMs, servingMs: uptimeMs() });
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

/** The largest packages the application loads, in turn before it (each is then in Node's module cache). */
const FRAMEWORKS = [
  'rxjs',
  '@nestjs/core',
  '@nestjs/platform-express',
  'typeorm',
  '@nestjs/typeorm',
  'class-validator',
  'class-transformer',
  '@nestjs/swagger',
  '@nestjs/terminus',
  'bullmq',
  '@nestjs/bullmq',
  'prom-client',
  'yaml',
];

main().catch(async (error) => {
  // A bad environment or policy is the operator's to fix: say which variable or line, without a stack trace.
  const { PolicyError } = await import('@qinglang/policy');
  console.error(error instanceof EnvironmentError || error instanceof PolicyError ? error.message : error);
  process.exit(1);
});
