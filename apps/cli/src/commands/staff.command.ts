import { Command } from 'commander';
import { CliError } from './cli-error';
import { withContext } from './nest-context';

export function registerStaffCommands(program: Command): void {
  const staff = program
    .command('staff')
    .description('Reviewers, senior reviewers and compliance officers, and their tokens');
  staff
    .command('create <name>')
    .description('Create a person and print their token (shown once; only its hash is stored)')
    .requiredOption('--role <role>', 'reviewer, senior_reviewer or compliance')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { role: string; json?: boolean }) => {
      const { StaffInputError, StaffService } = await import('@qinglang/staff');
      const { user, token } = await withContext((get) => get(StaffService).create(name, options.role)).catch(
        (error: unknown) => {
          throw error instanceof StaffInputError ? new CliError(error.message) : error;
        },
      );
      if (options.json)
        process.stdout.write(`${JSON.stringify({ id: user.id, name: user.name, role: user.role, token })}\n`);
      else
        process.stdout.write(
          `${user.role} ${user.name} (${user.id})\ntoken: ${token}\nStore the token now: it is not shown again.\n`,
        );
    });
  staff
    .command('rotate <name>')
    .description('Issue a new token (shown once); the old one stops working at once')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const { StaffInputError, StaffService } = await import('@qinglang/staff');
      const { user, token } = await withContext((get) => get(StaffService).rotate(name)).catch((error: unknown) => {
        throw error instanceof StaffInputError ? new CliError(error.message) : error;
      });
      if (options.json) process.stdout.write(`${JSON.stringify({ id: user.id, name: user.name, token })}\n`);
      else
        process.stdout.write(
          `${user.name} (${user.id})\ntoken: ${token}\nStore the token now: it is not shown again.\n`,
        );
    });
  staff
    .command('revoke <name>')
    .description("End a person's access at once (rotate gives it back with a new token)")
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const { StaffInputError, StaffService } = await import('@qinglang/staff');
      const user = await withContext((get) => get(StaffService).revoke(name)).catch((error: unknown) => {
        throw error instanceof StaffInputError ? new CliError(error.message) : error;
      });
      if (options.json)
        process.stdout.write(`${JSON.stringify({ id: user.id, name: user.name, revokedAt: user.revokedAt })}\n`);
      else process.stdout.write(`${user.name} (${user.id}): access revoked\n`);
    });
  staff
    .command('list')
    .description('Everyone: id, name, role, the first characters of their token, when it expires, whether revoked')
    .option('--json', 'print JSON lines, one person a line')
    .action(async (options: { json?: boolean }) => {
      const { StaffService } = await import('@qinglang/staff');
      const users = await withContext((get) => get(StaffService).list());
      for (const u of users) {
        const row = {
          id: u.id,
          name: u.name,
          role: u.role,
          tokenPrefix: u.tokenPrefix,
          createdAt: u.createdAt.toISOString(),
          tokenExpiresAt: u.tokenExpiresAt.toISOString(),
          revokedAt: u.revokedAt?.toISOString() ?? null,
        };
        process.stdout.write(
          options.json
            ? `${JSON.stringify(row)}\n`
            : `${row.id}  ${row.role.padEnd(15)}  ${row.tokenPrefix}…  ${row.revokedAt ? `revoked ${row.revokedAt}` : `expires ${row.tokenExpiresAt}`}  ${row.name}\n`,
        );
      }
    });
}
