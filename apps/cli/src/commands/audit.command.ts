import { Command } from 'commander';
import { CliError } from './cli-error';
import { withContext } from './nest-context';
import { describeVerification } from './audit-report';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The tamper-evident audit log');
  audit
    .command('verify')
    .description(
      'Recompute the hash chain and hold it against the signed checkpoints and the witness; exit 3 and name the first entry that does not match',
    )
    .option('--checkpoint <seq:hash>', 'also prove that a checkpoint you kept still holds')
    .option('--json', 'print JSON')
    .action(async (options: { checkpoint?: string; json?: boolean }) => {
      const kept = options.checkpoint?.match(/^(\d+):([0-9a-f]{64})$/);
      if (options.checkpoint && !kept) throw new CliError('--checkpoint takes <seq>:<64 hex digits>');
      const { AuditLog } = await import('@qinglang/audit');
      const result = await withContext((get) =>
        get(AuditLog).verify(kept ? { seq: Number(kept[1]), hash: kept[2] } : undefined),
      );
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else process.stdout.write(describeVerification(result));
      if (!result.ok) throw new CliError(result.message, 3);
    });
}
