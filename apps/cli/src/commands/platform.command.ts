import { Command } from 'commander';
import { CliError } from './cli-error';

type Get = <S>(type: new (...args: never[]) => S) => S;

// Nest, TypeORM and the platform module load only when a platform command runs, so the text commands start fast.
async function withContext<T>(work: (get: Get) => Promise<T>): Promise<T> {
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
  const context = await NestFactory.createApplicationContext(CliModule.forConfig(config), { logger: ['error', 'warn'] });
  try {
    return await work((type) => context.get(type));
  } finally {
    await context.close();
  }
}

export function registerPlatformCommands(program: Command): void {
  const platform = program.command('platform').description('Platforms (machine clients) and their API keys');
  platform
    .command('create <name>')
    .description('Create a platform and print its API key (shown once; only its hash is stored)')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const { PlatformNameTakenError, PlatformsService } = await import('@qinglang/platforms');
      const { platform: created, apiKey } = await withContext((get) => get(PlatformsService).create(name)).catch((error: unknown) => {
        throw error instanceof PlatformNameTakenError ? new CliError(error.message) : error;
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ id: created.id, name: created.name, apiKey })}\n`);
      } else {
        process.stdout.write(`platform ${created.name} (${created.id})\napi key: ${apiKey}\nStore the key now: it is not shown again.\n`);
      }
    });
}
