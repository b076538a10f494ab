import { CliError } from './cli-error';

/** A provider by its class, or by its token (APP_CONFIG). */
type Get = <S>(type: (new (...args: never[]) => S) | symbol) => S;

// Nest, TypeORM and the services load only when a command that needs the database runs, so the text commands start fast.
export async function withContext<T>(work: (get: Get) => Promise<T>): Promise<T> {
  await import('reflect-metadata');
  const [{ NestFactory }, { EnvironmentError, loadConfig }, { CliModule }] = await Promise.all([
    import('@nestjs/core'),
    import('@qinglang/config'),
    import('../cli.module'),
  ]);
  let config;
  try {
    // The CLI never runs workers, whatever QL_ROLE says, and talks to the same database as the service.
    config = { ...loadConfig({ ...process.env, QL_ROLE: undefined }), role: 'api' as const, logJson: false };
  } catch (error) {
    throw error instanceof EnvironmentError ? new CliError(error.message) : error;
  }
  const context = await NestFactory.createApplicationContext(CliModule.forConfig(config), {
    logger: ['error', 'warn'],
  });
  try {
    return await work((type) => context.get(type));
  } finally {
    await context.close();
  }
}
