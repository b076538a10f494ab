import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command, CommanderError } from 'commander';
import { EnvironmentError, loadConfig } from '@qinglang/config';
import { PlatformNameTakenError, PlatformsService } from '@qinglang/platforms';
import { CliModule } from './cli.module';

async function withContext<T>(work: (get: <S>(type: new (...args: never[]) => S) => S) => Promise<T>): Promise<T> {
  // The CLI never runs workers, whatever QL_ROLE says, and talks to the same database as the service.
  const config = { ...loadConfig({ ...process.env, QL_ROLE: undefined }), role: 'api' as const, logJson: false };
  const context = await NestFactory.createApplicationContext(CliModule.forConfig(config), { logger: ['error', 'warn'] });
  try {
    return await work((type) => context.get(type));
  } finally {
    await context.close();
  }
}

const program = new Command('qinglang').description('Qinglang operator commands').exitOverride();

const platform = program.command('platform').description('Platforms (machine clients) and their API keys');
platform
  .command('create <name>')
  .description('Create a platform and print its API key (shown once; only its hash is stored)')
  .option('--json', 'print JSON')
  .action(async (name: string, options: { json?: boolean }) => {
    const { platform: created, apiKey } = await withContext((get) => get(PlatformsService).create(name));
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ id: created.id, name: created.name, apiKey })}\n`);
    } else {
      process.stdout.write(`platform ${created.name} (${created.id})\napi key: ${apiKey}\nStore the key now: it is not shown again.\n`);
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const known = error instanceof EnvironmentError || error instanceof PlatformNameTakenError;
  console.error(known ? (error as Error).message : error);
  process.exit(known ? 2 : 1);
});
