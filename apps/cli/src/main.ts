import { Command, CommanderError } from 'commander';
import { CliError } from './commands/cli-error';
import { EXIT, EXIT_CODES_HELP } from './commands/exit-codes';
import { registerClassifyTextCommand } from './commands/classify-text.command';
import { registerEvalTextCommand } from './commands/eval-text.command';
import { registerPlatformCommands } from './commands/platform.command';
import { registerScanCommand } from './commands/scan.command';
import { registerStaffCommands } from './commands/staff.command';
import { registerAuditCommands } from './commands/audit.command';

// Only commander and the commands' definitions load here: each command imports what it needs when it runs.
const program = new Command('qinglang')
  .description('Qinglang operator commands')
  .exitOverride()
  .addHelpText('after', EXIT_CODES_HELP);
registerPlatformCommands(program);
registerClassifyTextCommand(program);
registerEvalTextCommand(program);
registerScanCommand(program);
registerStaffCommands(program);
registerAuditCommands(program);

// `qinglang … | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

program.parseAsync(process.argv).catch((error: unknown) => {
  // Commander has printed its own message (or the help) already; --help and --version are not errors.
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  const known = error instanceof CliError;
  console.error(known ? error.message : error);
  process.exit(known ? error.exitCode : EXIT.failure);
});
