import { Command } from 'commander';
import { CliError } from './cli-error';
import { withContext } from './nest-context';

export function registerPlatformCommands(program: Command): void {
  const platform = program.command('platform').description('Platforms (machine clients) and their API keys');
  platform
    .command('create <name>')
    .description('Create a platform and print its API key (shown once; only its hash is stored)')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const { PlatformNameTakenError, PlatformsService } = await import('@qinglang/platforms');
      const { platform: created, apiKey } = await withContext((get) => get(PlatformsService).create(name)).catch(
        (error: unknown) => {
          throw error instanceof PlatformNameTakenError ? new CliError(error.message) : error;
        },
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ id: created.id, name: created.name, apiKey })}\n`);
      } else {
        process.stdout.write(
          `platform ${created.name} (${created.id})\napi key: ${apiKey}\nStore the key now: it is not shown again.\n`,
        );
      }
    });
}
