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
      const { PlatformInputError, PlatformsService } = await import('@qinglang/platforms');
      const { platform: created, apiKey } = await withContext((get) => get(PlatformsService).create(name)).catch(
        (error: unknown) => {
          throw error instanceof PlatformInputError ? new CliError(error.message) : error;
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
  platform
    .command('list')
    .description('Every platform: id, name, the first characters of its key, when it was created')
    .option('--json', 'print JSON lines, one platform a line')
    .action(async (options: { json?: boolean }) => {
      const { PlatformsService } = await import('@qinglang/platforms');
      const platforms = await withContext((get) => get(PlatformsService).list());
      for (const p of platforms) {
        const row = { id: p.id, name: p.name, apiKeyPrefix: p.apiKeyPrefix, createdAt: p.createdAt.toISOString() };
        process.stdout.write(
          options.json
            ? `${JSON.stringify(row)}\n`
            : `${row.id}  ${row.apiKeyPrefix}…  ${row.createdAt}  ${row.name}\n`,
        );
      }
    });
}
