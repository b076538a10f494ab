import { Command, CommanderError } from 'commander';
import { CliError } from './commands/cli-error';
import { registerClassifyTextCommand } from './commands/classify-text.command';
import { registerEvalTextCommand } from './commands/eval-text.command';
import { registerPlatformCommands } from './commands/platform.command';
import { registerScanCommand } from './commands/scan.command';
import { registerStaffCommands } from './commands/staff.command';
import { registerAuditCommands } from './commands/audit.command';

const program = new Command('qinglang').description('Qinglang operator commands').exitOverride();
registerPlatformCommands(program);
registerClassifyTextCommand(program);
registerEvalTextCommand(program);
registerScanCommand(program);
registerStaffCommands(program);
registerAuditCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const known = error instanceof CliError;
  console.error(known ? error.message : error);
  process.exit(known ? error.exitCode : 1);
});
