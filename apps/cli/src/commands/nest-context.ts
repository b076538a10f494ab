import { existsSync } from 'node:fs';
import { CliError } from './cli-error';

/** A provider by its class, or by its token (APP_CONFIG). */
type Get = <S>(type: (new (...args: never[]) => S) | symbol) => S;

/**
 * Runs `work` with the services of the commands that need the database. Nest, TypeORM and those services load only
 * here, when such a command runs, so `--help` and the text commands start without them.
 */
export async function withContext<T>(work: (get: Get) => Promise<T>): Promise<T> {
  await import('reflect-metadata');
  const [{ NestFactory }, { EnvironmentError, loadConfig }, { CliModule }, { StderrLogger }] = await Promise.all([
    import('@nestjs/core'),
    import('@qinglang/config'),
    import('../cli.module'),
    import('./stderr-logger'),
  ]);
  let config;
  try {
    // The CLI never runs workers, whatever QL_ROLE says, and talks to the same database as the service.
    config = { ...loadConfig({ ...process.env, QL_ROLE: undefined }), role: 'api' as const, logJson: false };
  } catch (error) {
    throw error instanceof EnvironmentError ? new CliError(error.message) : error;
  }
  // Paths are relative to the working directory, as for the service: from elsewhere the defaults find nothing.
  if (!existsSync(config.policyPath))
    throw new CliError(
      `No policy at ${config.policyPath}: run qinglang in the project folder (where npm start runs), or set POLICY_PATH and DATA_DIR`,
    );
  const context = await NestFactory.createApplicationContext(CliModule.forConfig(config), {
    logger: new StderrLogger({ logLevels: ['fatal', 'error', 'warn'] }),
    // A boot error (the database unreachable) comes back here and exits 1 through main.ts, not from inside Nest.
    abortOnError: false,
  });
  try {
    return await work((type) => context.get(type));
  } finally {
    await context.close();
  }
}
